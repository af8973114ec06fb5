import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { afterAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { setRedactionRules } from "@/lib/redaction/queries";
import type { RedactionRule } from "@/lib/redaction/types";
import { serverRuntime } from "@/lib/runtime/registry";
import { DEFAULT_DECODE_LIMITS } from "@/collector/decode";
import { compileRules } from "@/lib/redaction/compile";
import { redactBatch } from "@/collector/redaction/redact-batch";
import { RecordKind, type DecodedFrame } from "@/collector/spool/frame";
import { recordRows } from "@/collector/spool/records";
import { SegmentReader } from "@/collector/spool/segment-reader";
import { collectorSuite } from "@/collector/testing/collector-suite";
import { eventually } from "@/collector/testing/eventually";
import { researchWriterAgent } from "@/collector/testing/sdk-workloads";
import { startCodonTelemetry } from "@/sdk/otel";

// Issue 25, "before anything is stored": with the spool on (as `npm start` runs), the export of a
// tenant with redaction rules is redacted as it is received, so the spool on the collector's disk
// never holds what the tenant asked not to store; the rows it holds are stored as they are (the
// write does not redact them twice), and read back from disk they are the same redacted rows.

const EMAIL = "grace.hopper@example.com";
const CARD = "5500 0000 0000 0004";
const API_KEY = "sk-proj-Zyxwvutsrqponmlkjihgfedcba987654";
const SECRET_TEXT = `refund ${EMAIL}, card ${CARD}, key ${API_KEY}`;
const RULES: RedactionRule[] = [
  { kind: "detector", detector: "email", action: "hash" },
  { kind: "detector", detector: "card", action: "mask" },
  { kind: "detector", detector: "secret", action: "mask" },
];
const SECRETS = [EMAIL, CARD, CARD.replaceAll(" ", ""), API_KEY, "grace.hopper"];

const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

/** Every record in the spool's segment files (this process's own segment stays after it is drained). */
async function spooledFrames(dir: string): Promise<DecodedFrame[]> {
  const frames: DecodedFrame[] = [];
  for (const name of fs.readdirSync(dir).filter((file) => file.startsWith("segment-")).sort()) {
    const file = path.join(dir, name);
    const handle = await fs.promises.open(file, "r");
    try {
      const reader = new SegmentReader(handle, 0);
      const limit = (await handle.stat()).size;
      for (;;) {
        const next = await reader.next(limit);
        if (!("frame" in next)) break;
        frames.push(next.frame);
      }
    } finally {
      await handle.close();
    }
  }
  return frames;
}

describe.each(testBackends())("redaction before the spool on $name", (backend) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-redaction-spool-"));
  folders.push(dir);
  const suite = collectorSuite(backend, { spool: { dir, maxBytes: 64 * 1024 * 1024 } }, (db) => setRedactionRules(db, "default", RULES));

  it("spools a tenant's exports already redacted, and stores them once redacted, over real exporters", async () => {
    const endpoint = `http://127.0.0.1:${suite.collector.grpcPort}`;
    const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": "billing-agent" }), spanProcessors: [new BatchSpanProcessor({ exporter: new GrpcTraceExporter({ url: endpoint }) })] });
    const run = { "codon.workload.name": "Billing", "codon.workload.run_id": "spool-redact-spans" };
    provider.getTracer("codon_sdk").startSpan("codon.node.refund", { root: true, attributes: { ...run, "codon.node.name": "refund", "codon.node.input": SECRET_TEXT, "customer.contact": EMAIL } }).end();
    await provider.forceFlush();
    await provider.shutdown();
    // The Codon SDK's own run: spans and ledger events (logs), the input carrying the secrets.
    const telemetry = startCodonTelemetry({ protocol: "grpc", endpoint, serviceName: "ledger-redaction" });
    await researchWriterAgent().execute(SECRET_TEXT, { runId: "spool-redact-ledger", deploymentId: "prod", observer: telemetry.observer });
    const stats = await telemetry.shutdown();
    expect(stats.spans.failed + stats.logs.failed).toBe(0);

    await eventually(async () => serverRuntime().ingestBacklog!.stats().records, (records) => records === 0);
    const stored = await eventually(
      () => suite.db().selectFrom("spans").select(["run_id", "node_name", "input_text", "attributes", "redacted_count"]).where("run_id", "in", ["spool-redact-spans", "spool-redact-ledger"]).execute(),
      (rows) => rows.length === 7,
    );
    expect(stored).toHaveLength(7);
    // Four values in the refund span, counted once: the write did not redact the redacted rows again.
    const refund = stored.find((span) => span.run_id === "spool-redact-spans")!;
    expect(refund.redacted_count).toBe(4);
    expect(refund.input_text).toMatch(/^refund \[HASHED:email:[0-9a-f]{16}\], card \[REDACTED:card\], key \[REDACTED:secret\]$/);
    expect(stored.some((span) => SECRETS.some((secret) => JSON.stringify(span).includes(secret)))).toBe(false);
    const events = await suite.db().selectFrom("audit_events").select(["metadata"]).where("run_id", "=", "spool-redact-ledger").execute();
    expect(events.length).toBeGreaterThan(5);
    expect(events.some((event) => SECRETS.some((secret) => JSON.stringify(event.metadata).includes(secret)))).toBe(false);

    // On disk: every record is the redacted rows, and not one byte of the secrets is there.
    const frames = await spooledFrames(dir);
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames.every((frame) => frame.kind === RecordKind.RedactedRows)).toBe(true);
    for (const file of fs.readdirSync(dir).filter((name) => name.startsWith("segment-"))) {
      const bytes = fs.readFileSync(path.join(dir, file));
      for (const secret of SECRETS) expect(bytes.includes(secret), `${secret} in ${file}`).toBe(false);
    }
    // Read back from disk (a restart), they are the rows stored, and a write passes them as they
    // are, even under a rule that matches their markers.
    const replayed = await Promise.all(frames.map((frame) => recordRows(frame.kind, frame.tenantId, frame.payload, DEFAULT_DECODE_LIMITS)));
    const spans = replayed.flatMap((batch) => batch.spans);
    expect(spans.find((span) => span.run_id === "spool-redact-spans")?.input_text).toBe(refund.input_text);
    expect(spans.find((span) => span.run_id === "spool-redact-spans")?.redacted_count).toBe(4);
    const markers = compileRules([{ kind: "pattern", name: "marker", pattern: "REDACTED|HASHED", action: "mask" }]).compiled;
    expect(markers).toHaveLength(1);
    for (const batch of replayed) {
      const again = await redactBatch(batch, async () => ({ rules: markers, hashKey: new Uint8Array(32) }));
      expect(again.spans.every((span, i) => span === batch.spans[i])).toBe(true);
      expect(again.auditEvents.every((event, i) => event === batch.auditEvents[i])).toBe(true);
    }
  }, 60_000);
});
