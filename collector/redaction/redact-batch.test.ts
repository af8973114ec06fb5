import { describe, expect, it } from "vitest";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { compileRules } from "@/lib/redaction/compile";
import { TEST_HASH_KEY } from "@/lib/redaction/testing";
import { DETECTOR_IDS, type RedactionRule } from "@/lib/redaction/types";
import type { WriteBatch } from "@/collector/store/write-batch";
import { redactBatch } from "@/collector/redaction/redact-batch";
import type { CompiledTenant } from "@/collector/redaction/tenant-rules";

const rules: RedactionRule[] = DETECTOR_IDS.map((detector) => ({ kind: "detector", detector, action: "mask" }));
const tenant: CompiledTenant = { rules: compileRules(rules).compiled, hashKey: TEST_HASH_KEY };
const rulesOf = async (tenantId: string) => (tenantId === "acme" ? tenant : null);

const TEXT = `${"Customer wrote in about the last order and asked for a refund. ".repeat(20)}Reach me at jane.doe@example.com`;
const batchOf = (count: number, tenantId: string): WriteBatch => ({
  spans: Array.from({ length: count }, (_, i) => makeSpan({ tenant_id: tenantId, span_id: i.toString(16).padStart(16, "0"), input_text: TEXT })),
  auditEvents: [],
  graphs: [],
  nodeSpecs: [],
});

describe("redactBatch", () => {
  it("masks the tenant's spans and leaves the batch it was given as it was", async () => {
    const batch = batchOf(3, "acme");
    const out = await redactBatch(batch, rulesOf);
    for (const span of out.spans) {
      expect(span.input_text).not.toContain("jane.doe@example.com");
      expect(span.redacted_count).toBe(1);
    }
    expect(batch.spans[0]!.input_text).toContain("jane.doe@example.com");
  });

  it("redacts score comments and metric series of a batch with no spans, points left as they are", async () => {
    const series = { tenant_id: "acme", series_key: "k1", metric_name: "refunds", kind: "sum" as const, first_seen_unix_nano: "1", attributes: { customer: "jane.doe@example.com", "service.name": "jane.doe@example.com" } };
    const point = { tenant_id: "acme", series_key: "k1", time_unix_nano: "2", value: 3 };
    const score = { tenant_id: "acme", score_id: "s1", run_id: "r1", name: "privacy", data_type: "numeric" as const, value: 0, comment: TEXT, source: "telemetry" as const, time_unix_nano: "3" };
    const batch: WriteBatch = { spans: [], auditEvents: [], graphs: [], nodeSpecs: [], scores: [score], metrics: { series: [series], points: [point] } };
    const out = await redactBatch(batch, rulesOf);
    expect(out.scores?.[0]?.comment).toMatch(/Reach me at \[REDACTED:email\]$/);
    // Identity keys stay as sent, as on spans; the series key is still the digest of what was sent.
    expect(out.metrics?.series[0]).toMatchObject({ series_key: "k1", attributes: { customer: "[REDACTED:email]", "service.name": "jane.doe@example.com" } });
    expect(out.metrics?.points[0]).toBe(point);
    expect(batch.scores?.[0]?.comment).toBe(TEXT);
    expect(batch.metrics?.series[0]?.attributes?.customer).toBe("jane.doe@example.com");
  });

  it("gives the batch back untouched when no tenant in it has rules", async () => {
    const batch = batchOf(3, "other");
    expect(await redactBatch(batch, rulesOf)).toBe(batch);
  });

  it("lets the event loop turn while it scans a large write, so exports are still answered", async () => {
    const batch = batchOf(6000, "acme");
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const started = performance.now();
    const out = await redactBatch(batch, rulesOf);
    const elapsedMs = performance.now() - started;
    ticking = false;
    expect(out.spans.every((span) => span.redacted_count === 1)).toBe(true);
    // Only meaningful when the scan took several slices; it takes hundreds of milliseconds here.
    expect(elapsedMs).toBeGreaterThan(50);
    expect(turns).toBeGreaterThanOrEqual(3);
  });
});
