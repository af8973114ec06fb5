import { describe, expect, it } from "vitest";
import { lockTenantPrices } from "@/lib/costs/pricing/price-store";
import { testBackends } from "@/lib/db/testing/backends";
import { startCollector } from "@/collector";
import { testCollectorConfig } from "@/collector/testing/collector-suite";
import { encodeTraceRequest, makeCodonNodeSpans } from "@/collector/testing/otlp-payloads";

// A stop while an export is being stored: the receivers stop taking new ones, let the one in
// flight be committed and answered 200, then close. Cutting it instead made the exporter count as
// failed spans that were stored.

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe.each(testBackends())("stopping the collector mid-export on $name", (backend) => {
  it("answers the export in flight once it is stored, and refuses new connections", async () => {
    const handle = await backend.open();
    try {
      const collector = await startCollector(testCollectorConfig(), handle.database);
      const url = `http://127.0.0.1:${collector.httpPort}/v1/traces`;
      const body = Buffer.from(encodeTraceRequest(makeCodonNodeSpans("stopped-run", ["a", "b", "c"])));
      // A slow write: the tenant's prices held exclusively for 2 s (on PGlite, its one connection
      // held), longer than the 1 s after which connections used to be cut.
      let held!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      const slow = handle.database.kysely.transaction().execute(async (trx) => {
        await lockTenantPrices(trx, ["default"], "exclusive");
        held();
        await sleep(2000);
      });
      await holding;
      const exported = fetch(url, { method: "POST", body, headers: { "content-type": "application/x-protobuf" } });
      await sleep(200);
      const started = Date.now();
      const closed = collector.close();
      const response = await exported;
      expect(response.status).toBe(200);
      await closed;
      await slow;
      expect(Date.now() - started).toBeLessThan(4500);
      await expect(fetch(url, { method: "POST", body: "{}", headers: { "content-type": "application/json" } })).rejects.toThrow();
      const stored = await handle.database.kysely.selectFrom("spans").select(({ fn }) => fn.countAll<string>().as("n")).where("run_id", "=", "stopped-run").executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(3);
    } finally {
      await handle.dispose();
    }
  }, 60_000);
});
