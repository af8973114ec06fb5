import { describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import { testBackends } from "@/lib/db/testing/backends";
import { CLIENT_LOCAL_HEADER } from "@/lib/http/client-info";
import { serverRuntime } from "@/lib/runtime/registry";
import { fixedBacklog, restoreIngestBacklogAfterEach } from "@/lib/runtime/testing";
import { apiRequest, apiSuite } from "@/test-support/api-runtime";
import { GET as metrics } from "@/app/api/metrics/route";

// The metrics endpoint through its real route handler, with the runtime's keys: the collector's
// backlog figures are fixed (a spool lags for real only while the database is down).

const LOCAL = { headers: { [CLIENT_LOCAL_HEADER]: "1" } };

describe.each(testBackends())("GET /api/metrics on $name", (backend) => {
  const suite = apiSuite(backend);
  restoreIngestBacklogAfterEach();

  it("gives this machine the backlog in Prometheus's text format, each figure with its help and type", async () => {
    serverRuntime().ingestBacklog = fixedBacklog({
      records: 7,
      bytes: 20_480,
      maxBytes: 1_073_741_824,
      oldestAgeSeconds: 12.5,
      drainRowsPerSecond: 1530.25,
      totals: { appended: 120, stored: 113, refused: 4, deadLettered: 1 },
    });
    const response = await metrics(apiRequest("/api/metrics", LOCAL));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const text = await response.text();
    const samples = text.split("\n").filter((line) => line && !line.startsWith("#"));
    expect(samples).toEqual([
      "codon_ingest_spool_enabled 1",
      "codon_ingest_spool_records 7",
      "codon_ingest_spool_bytes 20480",
      "codon_ingest_spool_max_bytes 1073741824",
      "codon_ingest_spool_oldest_age_seconds 12.5",
      "codon_ingest_spool_writable 1",
      "codon_ingest_drain_rows_per_second 1530.25",
      "codon_ingest_exports_appended_total 120",
      "codon_ingest_exports_stored_total 113",
      "codon_ingest_exports_refused_total 4",
      "codon_ingest_exports_dead_lettered_total 1",
    ]);
    // Every sample's family is described first, gauges and counters told apart.
    for (const sample of samples) {
      const name = sample.split(" ")[0]!;
      const at = text.indexOf(`\n${sample}\n`);
      expect(text.indexOf(`# HELP ${name} `)).toBeLessThan(at);
      expect(text).toContain(`# TYPE ${name} ${name.endsWith("_total") ? "counter" : "gauge"}\n`);
    }
    expect(text.endsWith("\n")).toBe(true);
  });

  it("describes the drain rate without a sample before the first write, and says when the spool is off", async () => {
    serverRuntime().ingestBacklog = fixedBacklog({ spool: "off", maxBytes: 0, drainRowsPerSecond: null });
    const text = await (await metrics(apiRequest("/api/metrics", LOCAL))).text();
    expect(text).toContain("# TYPE codon_ingest_drain_rows_per_second gauge\n");
    expect(text).not.toMatch(/^codon_ingest_drain_rows_per_second /m);
    expect(text).toMatch(/^codon_ingest_spool_enabled 0$/m);
  });

  it("answers 503 while no collector runs in this process", async () => {
    serverRuntime().ingestBacklog = null;
    const response = await metrics(apiRequest("/api/metrics", LOCAL));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("2");
    expect(await response.json()).toEqual({ error: { code: "unavailable", message: expect.stringContaining("collector is not running") } });
  });

  it("once keys exist, needs a read key from anywhere but this machine: 401 without one, 403 for an exporter's", async () => {
    serverRuntime().ingestBacklog = fixedBacklog();
    // An open server (no key yet, loopback only) serves everyone on it.
    expect((await metrics(apiRequest("/api/metrics"))).status).toBe(200);

    const reader = await createApiKey(suite.db(), "acme", "prometheus", ["read"]);
    const exporter = await createApiKey(suite.db(), "acme", "exporter", ["ingest"]);
    serverRuntime().auth!.invalidate();
    const anonymous = await metrics(apiRequest("/api/metrics"));
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("www-authenticate")).toBe("Bearer");
    const refused = await metrics(apiRequest("/api/metrics", { key: exporter.key }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "forbidden" } });
    const read = await metrics(apiRequest("/api/metrics", { key: reader.key }));
    expect(read.status).toBe(200);
    expect(await read.text()).toMatch(/^codon_ingest_spool_records 0$/m);
    expect((await metrics(apiRequest("/api/metrics", LOCAL))).status).toBe(200);
  });
});
