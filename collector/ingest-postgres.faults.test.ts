import { randomInt } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { SpanExporter } from "@opentelemetry/sdk-trace";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type Database } from "@/lib/db/client";
import { privatePostgresUnavailable, sparePort, startPrivatePostgres, type PrivatePostgres } from "@/lib/db/testing/private-postgres";
import { collectorEnv, startCollectorProcess, type CollectorProcess } from "@/collector/testing/collector-process";
import { concurrentCommittedRates, type Burst } from "@/collector/testing/committed-throughput";
import { ExportLedger } from "@/collector/testing/export-ledger";
import { sendBurst, startSteadyLoad, traceExporter, type OtlpProtocol } from "@/collector/testing/exporter-load";
import { faultFigures, printFigures } from "@/collector/testing/fault-report";
import { restartUnderLoad } from "@/collector/testing/restart-under-load";
import { agentSpanSource } from "@/collector/testing/span-source";
import { readStoredSpans, waitUntilStored } from "@/collector/testing/stored-spans";

// Issue 18: real OTel JS exporters send at a steady rate into collector/main.ts, run as its own
// process on a private PostgreSQL, while the test crashes or stops the collector or the database.
// Every span is counted by id: acknowledged (SUCCESS), given up (FAILED after the exporter's own
// retries), stored. Acknowledged spans must all be stored, none twice. Where the collector itself
// stays up, its spool (SPOOL_MAX_BYTES, far more than any scenario sends) has room, so no span may
// be given up at all.

const unavailable = privatePostgresUnavailable();
if (unavailable) console.warn(`skipping the collector fault tests on PostgreSQL: ${unavailable}`);

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** 1 GiB: the spool's default, set explicitly so "the spool had room" holds whatever the default becomes. */
const SPOOL_MAX_BYTES = 2 ** 30;
/** The steady load: a gRPC and an OTLP/HTTP protobuf exporter, 500 spans/s each (1,000 in all). */
const STEADY: OtlpProtocol[] = ["grpc", "http/protobuf"];
const SPANS_PER_SECOND_EACH = 500;

describe.skipIf(unavailable !== null)("the collector on PostgreSQL under faults, fed by real OTel exporters", () => {
  let server: PrivatePostgres;
  const processes: CollectorProcess[] = [];
  const exporters: SpanExporter[] = [];
  const readers: Database[] = [];
  const folders: string[] = [];

  beforeAll(async () => {
    server = startPrivatePostgres(await sparePort());
  });
  afterAll(async () => {
    // Whatever failed: no collector outlives the file, and the server goes last.
    await Promise.all(processes.map((child) => child.signal("SIGKILL")));
    await Promise.all(exporters.map((exporter) => exporter.shutdown().catch(() => {})));
    await Promise.all(readers.map((reader) => reader.close().catch(() => {})));
    server?.dispose();
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  /** Ports and a data folder (the spool's) of a collector's own on `url`; `start` runs it, `exportersFor` feed it. */
  async function collectorSlot(url: string, name: string) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `codon-faults-${name}-`));
    folders.push(dataDir);
    const grpcPort = await sparePort();
    let httpPort = await sparePort();
    while (httpPort === grpcPort) httpPort = await sparePort();
    const ports = { grpcPort, httpPort };
    const env = collectorEnv({
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      OTLP_GRPC_PORT: String(grpcPort),
      OTLP_HTTP_PORT: String(httpPort),
      SPOOL_MAX_BYTES: String(SPOOL_MAX_BYTES),
    });
    return {
      async start() {
        const child = await startCollectorProcess(env, ports);
        processes.push(child);
        return child;
      },
      exportersFor(protocols: OtlpProtocol[]) {
        const made = protocols.map((protocol) => traceExporter(protocol, ports));
        exporters.push(...made);
        return made;
      },
    };
  }

  /** A database of the scenario's own with a collector running on it, and what counts the spans. */
  async function scenario(name: string) {
    const url = server.url(`faults_${name}`);
    const slot = await collectorSlot(url, name);
    const collector = await slot.start();
    // The collector has created and migrated the database by now.
    const reader = await openPostgres(url, { maxConnections: 2 });
    readers.push(reader);
    return {
      collector,
      start: slot.start,
      exportersFor: slot.exportersFor,
      /** A second collector on the same database. */
      another: () => collectorSlot(url, `${name}-another`),
      db: reader.kysely,
      ledger: new ExportLedger(),
      source: agentSpanSource(randomInt(2 ** 31), `faults-${name}`),
    };
  }

  /** Restarts the database whatever happens in between, so one failed scenario does not fail the next. */
  async function withDatabaseDown(mode: "fast" | "immediate", downMs: number): Promise<number> {
    server.stop(mode);
    try {
      await sleep(downMs);
    } finally {
      server.start();
    }
    return performance.now();
  }

  it("(1) kill -9 twice under load: no acknowledged span lost, none stored twice", async () => {
    const s = await scenario("kill9");
    const outcome = await restartUnderLoad({
      collector: s.collector,
      start: s.start,
      signal: "SIGKILL",
      cycles: 2,
      everyMs: 4000,
      exporters: s.exportersFor(STEADY),
      source: s.source,
      ledger: s.ledger,
      spansPerSecond: SPANS_PER_SECOND_EACH,
    });
    const loadEnded = performance.now();
    const allStoredAt = await waitUntilStored(s.db, s.ledger.acked(), loadEnded + 30_000);
    const figures = faultFigures(s.ledger, await readStoredSpans(s.db));
    printFigures("postgres (1) kill -9 x2", figures, s.ledger, allStoredAt === null ? "no (30 s)" : `${seconds(allStoredAt - loadEnded)} after load`, [
      `down per restart: ${outcome.downSeconds.map((d) => `${d.toFixed(1)} s`).join(", ")} (given-up spans are expected while nothing listens)`,
    ]);

    expect(outcome.stops.map((stop) => stop.signal)).toEqual(["SIGKILL", "SIGKILL"]);
    expect({ lost: figures.lost, duplicates: figures.duplicates, runMismatches: figures.runMismatches, pending: figures.pending }).toEqual({ lost: 0, duplicates: 0, runMismatches: 0, pending: 0 });
    expect(figures.acked).toBeGreaterThan(0.5 * figures.sent); // the load did reach the collector
  }, 120_000);

  it("(2) PostgreSQL down for 60 s under load: nothing given up, all stored within 60 s of its return", async () => {
    const s = await scenario("outage60");
    const load = startSteadyLoad({ exporters: s.exportersFor(STEADY), source: s.source, ledger: s.ledger, spansPerBatch: SPANS_PER_SECOND_EACH / 5, batchesPerSecond: 5 });
    let back = 0;
    let backlog: string[] = [];
    let backlogStoredAt: Promise<number | null> = Promise.resolve(null);
    try {
      await sleep(5000);
      back = await withDatabaseDown("immediate", 60_000);
      // What was acknowledged while the database was away, timed apart from the load that follows.
      backlog = s.ledger.acked();
      backlogStoredAt = waitUntilStored(s.db, backlog, back + 60_000).catch((error: unknown) => {
        console.warn(`timing the backlog failed: ${String(error)}`);
        return null;
      });
      await sleep(10_000);
    } finally {
      await load.stop();
    }
    const allStoredAt = await waitUntilStored(s.db, s.ledger.acked(), back + 60_000);
    const backlogAt = await backlogStoredAt;
    const figures = faultFigures(s.ledger, await readStoredSpans(s.db));
    printFigures("postgres (2) 60 s outage", figures, s.ledger, allStoredAt === null ? "no (60 s)" : `${seconds(allStoredAt - back)} after db back`, [
      `${backlog.length} spans acknowledged by the database's return, all stored ${backlogAt === null ? "not within 60 s" : `${seconds(backlogAt - back)} after it`}`,
    ]);

    expect({ givenUp: figures.givenUp, lost: figures.lost, duplicates: figures.duplicates, runMismatches: figures.runMismatches, pending: figures.pending }).toEqual({ givenUp: 0, lost: 0, duplicates: 0, runMismatches: 0, pending: 0 });
    expect(allStoredAt, "every acknowledged span stored within 60 s of the database's return").not.toBeNull();
  }, 240_000);

  it("(3) PostgreSQL stopped ten times for 3 s under load: nothing given up, throughput afterwards within 10% of a fresh process", async () => {
    const s = await scenario("outages10");
    const load = startSteadyLoad({ exporters: s.exportersFor(STEADY), source: s.source, ledger: s.ledger, spansPerBatch: SPANS_PER_SECOND_EACH / 5, batchesPerSecond: 5 });
    let back = performance.now();
    try {
      for (let outage = 0; outage < 10; outage++) {
        await sleep(1500);
        back = await withDatabaseDown(outage % 2 === 0 ? "immediate" : "fast", 3000);
      }
      await sleep(3000);
    } finally {
      await load.stop();
    }
    const allStoredAt = await waitUntilStored(s.db, s.ledger.acked(), performance.now() + 60_000);

    // A fresh process beside the one that lived through the outages, on the same database. Each
    // gets bursts of 2 exporters x 20 exports of 512 spans, back to back, alone on the database,
    // in the order ABBA ABBA: whatever drifts on the machine meanwhile weighs on both alike. Side
    // by side at the same moment, as first built, the two raced each other for the database and
    // a round's rates differed by up to 2x between identical processes, either way.
    // Planner statistics first: a database this young has none until autovacuum's first visit
    // (and an immediate stop discards them), and without them each batch's run recompute reads
    // the tenant's whole spans_run_idx, so the rate would fall with the table's size instead.
    await sql`analyze`.execute(s.db);
    const fresh = await s.another();
    await fresh.start();
    const burstProtocols: OtlpProtocol[] = ["grpc", "http/protobuf"];
    const survivor = { exporters: s.exportersFor(burstProtocols), rates: [] as number[] };
    const newcomer = { exporters: fresh.exportersFor(burstProtocols), rates: [] as number[] };
    for (let turn = 0; turn < 8; turn++) {
      const side = [0, 3, 4, 7].includes(turn) ? survivor : newcomer;
      const source = agentSpanSource(randomInt(2 ** 31), `faults-outages10-burst-${turn}`);
      const [rate] = await concurrentCommittedRates(s.db, s.ledger, [
        { source, send: () => sendBurst({ exporters: side.exporters, source, ledger: s.ledger, spansPerBatch: 512, batches: 20 }) },
      ]);
      side.rates.push(rate!);
    }
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const after = sum(survivor.rates) / survivor.rates.length;
    const freshRate = sum(newcomer.rates) / newcomer.rates.length;
    const rates = (values: number[]) => values.map((value) => Math.round(value)).join(", ");

    const figures = faultFigures(s.ledger, await readStoredSpans(s.db));
    printFigures("postgres (3) 10 x 3 s outages", figures, s.ledger, allStoredAt === null ? "no (60 s)" : `${seconds(allStoredAt - back)} after db back`, [
      `committed spans/s of 20,480-span bursts, each alone, ABBA ABBA: the process after the outages ${rates(survivor.rates)}, a fresh one ${rates(newcomer.rates)}; mean ${Math.round(after)} against ${Math.round(freshRate)} (${((after / freshRate - 1) * 100).toFixed(1)}%)`,
    ]);

    expect({ givenUp: figures.givenUp, lost: figures.lost, duplicates: figures.duplicates, runMismatches: figures.runMismatches, pending: figures.pending }).toEqual({ givenUp: 0, lost: 0, duplicates: 0, runMismatches: 0, pending: 0 });
    expect(allStoredAt, "every acknowledged span stored within 60 s of the last outage").not.toBeNull();
    expect(after, "throughput after ten outages, against a fresh process").toBeGreaterThanOrEqual(0.9 * freshRate);
  }, 240_000);

  it("(4) SIGTERM under load: a clean exit, nothing lost, nothing reported failed that was stored", async () => {
    const s = await scenario("sigterm");
    const outcome = await restartUnderLoad({
      collector: s.collector,
      start: s.start,
      signal: "SIGTERM",
      cycles: 2,
      everyMs: 4000,
      exporters: s.exportersFor(STEADY),
      source: s.source,
      ledger: s.ledger,
      spansPerSecond: SPANS_PER_SECOND_EACH,
    });
    const loadEnded = performance.now();
    const allStoredAt = await waitUntilStored(s.db, s.ledger.acked(), loadEnded + 30_000);
    const figures = faultFigures(s.ledger, await readStoredSpans(s.db));
    printFigures("postgres (4) SIGTERM x2", figures, s.ledger, allStoredAt === null ? "no (30 s)" : `${seconds(allStoredAt - loadEnded)} after load`, [
      `stops: ${outcome.stops.map((stop) => `exit ${stop.code} after ${stop.afterMs} ms`).join(", ")}; down per restart: ${outcome.downSeconds.map((d) => `${d.toFixed(1)} s`).join(", ")}`,
    ]);

    expect(outcome.stops.map((stop) => stop.code)).toEqual([0, 0]);
    expect({ lost: figures.lost, givenUpButStored: figures.givenUpButStored, duplicates: figures.duplicates, runMismatches: figures.runMismatches, pending: figures.pending }).toEqual({ lost: 0, givenUpButStored: 0, duplicates: 0, runMismatches: 0, pending: 0 });
    expect(figures.acked).toBeGreaterThan(0.5 * figures.sent);
  }, 120_000);

  it("(5) eight exporters offering ~12k spans/s for 10 s: nothing given up while the spool has room, all stored", async () => {
    const s = await scenario("overload");
    // Three gRPC, three OTLP/HTTP protobuf, two OTLP/HTTP JSON; 3 exports of 512 spans a second
    // each: more than the database takes on 2 cores (8-10k spans/s of this shape, measured), so
    // the spool must hold the difference. At 4 a second (~16k spans/s) the machine itself runs out
    // of CPU for the exporters and the answers together when anything else runs beside the test.
    // ~123k spans of 0.3 KB (protobuf) to 0.7 KB (JSON) stay far below SPOOL_MAX_BYTES.
    const overload = s.exportersFor(["grpc", "grpc", "grpc", "http/protobuf", "http/protobuf", "http/protobuf", "http/json", "http/json"]);
    const load = startSteadyLoad({ exporters: overload, source: s.source, ledger: s.ledger, spansPerBatch: 512, batchesPerSecond: 3 });
    const started = performance.now();
    try {
      await sleep(10_000);
    } finally {
      await load.stop();
    }
    const settled = performance.now();
    const allStoredAt = await waitUntilStored(s.db, s.ledger.acked(), settled + 90_000);
    const figures = faultFigures(s.ledger, await readStoredSpans(s.db));
    printFigures("postgres (5) 8 exporters", figures, s.ledger, allStoredAt === null ? "no (90 s)" : `${seconds(allStoredAt - settled)} after load`, [
      `offered ${Math.round(figures.sent / 10)} spans/s for 10 s; exports settled ${seconds(settled - started)} after the first; stored ${allStoredAt === null ? "-" : Math.round(figures.stored / ((allStoredAt - started) / 1000))} spans/s overall`,
    ]);

    expect({ givenUp: figures.givenUp, lost: figures.lost, duplicates: figures.duplicates, runMismatches: figures.runMismatches, pending: figures.pending }).toEqual({ givenUp: 0, lost: 0, duplicates: 0, runMismatches: 0, pending: 0 });
    expect(allStoredAt, "every acknowledged span stored within 90 s of the load's end").not.toBeNull();
  }, 240_000);
});
