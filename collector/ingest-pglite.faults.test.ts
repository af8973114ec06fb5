import { randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SpanExporter } from "@opentelemetry/sdk-trace";
import { afterAll, describe, expect, it } from "vitest";
import { openPglite } from "@/lib/db/client";
import { sparePort } from "@/lib/db/testing/private-postgres";
import { collectorEnv, startCollectorProcess, type CollectorProcess } from "@/collector/testing/collector-process";
import { ExportLedger } from "@/collector/testing/export-ledger";
import { traceExporter, type OtlpProtocol } from "@/collector/testing/exporter-load";
import { faultFigures, printFigures } from "@/collector/testing/fault-report";
import { restartUnderLoad, type RestartOutcome } from "@/collector/testing/restart-under-load";
import { agentSpanSource } from "@/collector/testing/span-source";
import { readStoredSpans, type StoredSpans } from "@/collector/testing/stored-spans";

// Issue 18's process faults on the embedded database (PGlite in DATA_DIR, no DATABASE_URL):
// kill -9 and SIGTERM under a steady load of real OTel exporters. A database outage does not
// apply (the database lives in the collector's process). PGlite admits one process, so what is
// stored is read once the collector has stopped.

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const SPOOL_MAX_BYTES = 2 ** 30;
const STEADY: OtlpProtocol[] = ["grpc", "http/protobuf"];
const SPANS_PER_SECOND_EACH = 500;
/** Starts allowed after the last stop for a spool to hand over what a stop left for the next start. */
const SETTLING_STARTS = 2;

describe("the collector on PGlite under process faults, fed by real OTel exporters", () => {
  const processes: CollectorProcess[] = [];
  const exporters: SpanExporter[] = [];
  const folders: string[] = [];

  afterAll(async () => {
    await Promise.all(processes.map((child) => child.signal("SIGKILL")));
    await Promise.all(exporters.map((exporter) => exporter.shutdown().catch(() => {})));
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  async function scenario(name: string) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `codon-faults-pglite-${name}-`));
    folders.push(dataDir);
    const grpcPort = await sparePort();
    let httpPort = await sparePort();
    while (httpPort === grpcPort) httpPort = await sparePort();
    const ports = { grpcPort, httpPort };
    // DATABASE_URL empty: the embedded database.
    const env = collectorEnv({ DATABASE_URL: "", DATA_DIR: dataDir, OTLP_GRPC_PORT: String(grpcPort), OTLP_HTTP_PORT: String(httpPort), SPOOL_MAX_BYTES: String(SPOOL_MAX_BYTES) });
    const start = async () => {
      const child = await startCollectorProcess(env, ports);
      processes.push(child);
      return child;
    };
    const made = STEADY.map((protocol) => traceExporter(protocol, ports));
    exporters.push(...made);
    return { dataDir, start, collector: await start(), exporters: made, ledger: new ExportLedger(), source: agentSpanSource(randomInt(2 ** 31), `faults-pglite-${name}`) };
  }

  /**
   * Stops the collector with SIGTERM and reads the database. If acknowledged spans are missing,
   * starts it again for a few seconds (a spool replays on start) and reads again, at most
   * SETTLING_STARTS times: a span still missing then is lost.
   */
  async function storedAfterStop(s: Awaited<ReturnType<typeof scenario>>, running: CollectorProcess): Promise<{ stored: StoredSpans; exitCode: number | null; starts: number }> {
    const { code } = await running.signal("SIGTERM");
    const acked = s.ledger.acked();
    for (let starts = 0; ; starts++) {
      const database = await openPglite(s.dataDir);
      let stored: StoredSpans;
      try {
        stored = await readStoredSpans(database.kysely);
      } finally {
        await database.close();
      }
      if (starts === SETTLING_STARTS || acked.every((key) => stored.keys.has(key))) return { stored, exitCode: code, starts };
      const again = await s.start();
      await sleep(5000);
      await again.signal("SIGTERM");
    }
  }

  const notes = (outcome: RestartOutcome, starts: number) => [
    `stops: ${outcome.stops.map((stop) => (stop.signal ? stop.signal : `exit ${stop.code} after ${stop.afterMs} ms`)).join(", ")}; down per restart: ${outcome.downSeconds.map((d) => `${d.toFixed(1)} s`).join(", ")}`,
    ...(starts ? [`read after ${starts} more start(s) of the collector`] : []),
  ];

  it("(1) kill -9 twice under load: no acknowledged span lost, none stored twice", async () => {
    const s = await scenario("kill9");
    const outcome = await restartUnderLoad({ collector: s.collector, start: s.start, signal: "SIGKILL", cycles: 2, everyMs: 4000, exporters: s.exporters, source: s.source, ledger: s.ledger, spansPerSecond: SPANS_PER_SECOND_EACH });
    const { stored, exitCode, starts } = await storedAfterStop(s, outcome.collector);
    const figures = faultFigures(s.ledger, stored);
    printFigures("pglite (1) kill -9 x2", figures, s.ledger, starts === 0 ? "at stop" : `after ${starts} start(s)`, notes(outcome, starts));

    expect(exitCode).toBe(0);
    expect({ lost: figures.lost, duplicates: figures.duplicates, runMismatches: figures.runMismatches, pending: figures.pending }).toEqual({ lost: 0, duplicates: 0, runMismatches: 0, pending: 0 });
    expect(figures.acked).toBeGreaterThan(0.5 * figures.sent);
  }, 150_000);

  it("(4) SIGTERM under load: a clean exit, nothing lost, nothing reported failed that was stored", async () => {
    const s = await scenario("sigterm");
    const outcome = await restartUnderLoad({ collector: s.collector, start: s.start, signal: "SIGTERM", cycles: 2, everyMs: 4000, exporters: s.exporters, source: s.source, ledger: s.ledger, spansPerSecond: SPANS_PER_SECOND_EACH });
    const { stored, exitCode, starts } = await storedAfterStop(s, outcome.collector);
    const figures = faultFigures(s.ledger, stored);
    printFigures("pglite (4) SIGTERM x2", figures, s.ledger, starts === 0 ? "at stop" : `after ${starts} start(s)`, notes(outcome, starts));

    expect([...outcome.stops.map((stop) => stop.code), exitCode]).toEqual([0, 0, 0]);
    expect({ lost: figures.lost, givenUpButStored: figures.givenUpButStored, duplicates: figures.duplicates, runMismatches: figures.runMismatches, pending: figures.pending }).toEqual({ lost: 0, givenUpButStored: 0, duplicates: 0, runMismatches: 0, pending: 0 });
    expect(figures.acked).toBeGreaterThan(0.5 * figures.sent);
  }, 150_000);
});
