import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { testBackends } from "@/lib/db/testing/backends";
import { serverRuntime } from "@/lib/runtime/registry";
import { collectorSuite } from "@/collector/testing/collector-suite";
import { validSpansExport } from "@/collector/testing/hostile-payloads";

// Many senders at once (issue 19): what exports in flight hold together stays under the ingest
// memory budget, the ones over it are refused as retryable, and their retries store everything once.

const MB = 1024 * 1024;
const BUDGET = 8 * MB;
const SENDERS = 24;
const SPANS = 1500; // ~3.8 MB estimated each: two fit the budget
const pglite = testBackends().find((b) => b.name === "pglite")!;

describe("ingest memory budget", () => {
  const suite = collectorSuite(pglite, { ingestMemoryBytes: BUDGET, otlpMaxBodyBytes: 4 * MB });
  const keys = { flood: "", quiet: "" };
  const post = (body: Uint8Array, key: string) =>
    fetch(`http://127.0.0.1:${suite.collector.httpPort}/v1/traces`, {
      method: "POST",
      body: Buffer.from(body),
      headers: { "content-type": "application/x-protobuf", "x-codon-api-key": key },
    });

  beforeAll(async () => {
    keys.flood = (await createApiKey(suite.db(), "tenant-flood", "flood")).key;
    keys.quiet = (await createApiKey(suite.db(), "tenant-quiet", "quiet")).key;
    serverRuntime().ingest?.invalidateKeys();
  });

  it("refuses exports past the budget as retryable, never holds more than twice it, and loses nothing on retry", async () => {
    const memory = suite.collector.exporter.memory;
    let peak = 0;
    const sampler = setInterval(() => (peak = Math.max(peak, memory.heldBytes)), 1);
    const statuses: number[] = [];
    let memoryRefusals = 0;
    const send = async (i: number) => {
      const body = validSpansExport(SPANS, `s${i}`);
      for (let attempt = 0; ; attempt++) {
        const res = await post(body, keys.flood);
        statuses.push(res.status);
        if (res.status === 200) return;
        expect(res.status).toBe(429);
        expect(res.headers.get("retry-after")).toBe("2");
        // The tenant's queue limit may refuse a retry too once earlier exports wait to be written.
        const reason = await res.text();
        expect(reason).toMatch(/in memory|queue is full/);
        if (/in memory/.test(reason)) memoryRefusals++;
        expect(attempt).toBeLessThan(200);
        await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
      }
    };
    const flood = Promise.all(Array.from({ length: SENDERS }, (_, i) => send(i)));
    await new Promise((resolve) => setTimeout(resolve, 30));
    // Another tenant's small export during the flood still gets in (under its fair share).
    const quiet = await post(validSpansExport(10, "quiet"), keys.quiet);
    await flood;
    clearInterval(sampler);
    const refused = statuses.filter((s) => s === 429).length;
    console.log(`${SENDERS} senders of ${SPANS} spans: ${refused} refusals (${memoryRefusals} for memory) before all were stored; peak held ${(peak / MB).toFixed(1)} MB of a ${BUDGET / MB} MB budget; quiet tenant ${quiet.status}`);
    expect(quiet.status).toBe(200);
    expect(memoryRefusals).toBeGreaterThan(0);
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2 * BUDGET);
    expect(memory.heldBytes).toBe(0);
    const { rows } = await sql<{ tenant_id: string; n: string }>`select tenant_id, count(*)::text as n from spans group by tenant_id order by tenant_id`.execute(suite.db());
    expect(rows).toEqual([
      { tenant_id: "tenant-flood", n: String(SENDERS * SPANS) },
      { tenant_id: "tenant-quiet", n: "10" },
    ]);
  });
});
