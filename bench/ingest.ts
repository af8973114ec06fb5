/**
 * `npm run bench:ingest [-- --exports 200 --clients 8 --backend postgres|pglite|both --spool on|off|both --logs 0 --metrics 0 --redaction off|on]`
 * (`--redaction on`: the tenant has every built-in redaction detector set to mask; BENCH_GRPC_PORT moves the collector off 24317.)
 *
 * Replays pre-encoded Codon exports (512 spans, ~1 KB of attributes each) over gRPC from
 * concurrent clients into the collector running in its own process, and counts spans committed
 * per second with every index and the run/version aggregates maintained (with the spool on:
 * until the spool is drained, not only acknowledged), and the acknowledgement latency. Then
 * writes the same rows straight into a fresh database with a plain multi-row insert (4
 * connections on PostgreSQL, PGlite's one) for the raw ceiling, and prints collector/raw. Last,
 * the bytes on disk per span the collector stored (bench/storage-size.ts) against the OTLP bytes sent.
 * Between the two, fresh exports are offered at half the committed rate just measured, each on its
 * schedule whatever the last one's answer (open loop), for the acknowledgement latency of a
 * collector that keeps up. With `--logs N` and/or `--metrics M`, each configuration runs a second
 * time with a logs export of N records (bench/log-exports.ts) and/or a metrics export of M data
 * points (bench/metric-exports.ts) sent beside every trace export, and prints span throughput
 * with them arriving against without (issue 21: at most 10% slower).
 */
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import * as grpc from "@grpc/grpc-js";
import postgres from "postgres";
import { decodeTraceRequestProtobuf } from "@/collector/decode";
import { normalizeTraces } from "@/collector/normalize";
import { chunks } from "@/collector/store/chunks";
import { openPglite, openPostgres, type Database } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import type { NewSpan } from "@/lib/db/types";
import { makeCodonExports } from "@/bench/codon-exports";
import { makeLogExports } from "@/bench/log-exports";
import { makeMetricExports } from "@/bench/metric-exports";
import { folderBytes, formatPgliteFolder, formatStorage, measureStorage } from "@/bench/storage-size";
import { buildCollector } from "@/scripts/build-collector.mjs";

const { values: args } = parseArgs({
  options: {
    exports: { type: "string", default: "200" },
    clients: { type: "string", default: "8" },
    backend: { type: "string", default: "both" },
    spool: { type: "string", default: "both" },
    logs: { type: "string", default: "0" },
    metrics: { type: "string", default: "0" },
    redaction: { type: "string", default: "off" },
    "postgres-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
  },
});
const EXPORTS = Number(args.exports);
const CLIENTS = Number(args.clients);
const LOGS_PER_EXPORT = Number(args.logs);
const POINTS_PER_EXPORT = Number(args.metrics);
const GRPC_PORT = Number(process.env.BENCH_GRPC_PORT ?? 24317);
/** Exports sent one at a time, each after the last is stored, for the acknowledgement latency alone. */
const SINGLE_EXPORTS = 30;
/** How long, and at most how many fresh exports, the half-rate phase offers. */
const HALF_RATE_SECONDS = 15;
const HALF_RATE_MAX_EXPORTS = 60;

interface Target {
  name: "postgres" | "pglite";
  env: Record<string, string>;
  /** A second, empty database for the raw insert. */
  openRaw(): Promise<Database>;
  /** The collector's database, once its process has stopped; `storedFolder`: PGlite's files. */
  openStored(): Promise<Database>;
  storedFolder: string | null;
  cleanup(): Promise<void>;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function postgresTarget(adminUrl: string): Promise<Target> {
  const stamp = `${process.pid}_${Date.now()}`;
  const names = [`codon_bench_${stamp}`, `codon_bench_raw_${stamp}`];
  const urlFor = (name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-bench-spool-"));
  return {
    name: "postgres",
    env: { DATABASE_URL: urlFor(names[0]!), SPOOL_DIR: spoolDir },
    openRaw: () => openPostgres(urlFor(names[1]!), { maxConnections: 4 }),
    openStored: () => openPostgres(urlFor(names[0]!), { maxConnections: 1 }),
    storedFolder: null,
    async cleanup() {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      for (const name of names) await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
      fs.rmSync(spoolDir, { recursive: true, force: true });
    },
  };
}

function pgliteTarget(): Target {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "codon-bench-"));
  return {
    name: "pglite",
    env: { DATA_DIR: path.join(root, "collector"), DATABASE_URL: "" },
    openRaw: () => openPglite(path.join(root, "raw")),
    openStored: () => openPglite(path.join(root, "collector")),
    storedFolder: path.join(root, "collector", "pglite"),
    async cleanup() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * The node flags `npm run collector` starts the collector with (its heap limit), which runs it
 * bundled (scripts/build-collector.mjs): the bench runs its collector process the same way, so it
 * measures the process users run.
 */
const COLLECTOR_NODE_FLAGS = ((): string[] => {
  const scripts = (JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const flags = /&& node (.*?)\s*\.collector\/main\.mjs$/.exec(scripts.collector ?? "")?.[1];
  if (!flags) throw new Error(`bench:ingest does not understand package.json's collector script: ${scripts.collector}`);
  return flags.split(/\s+/);
})();
const COLLECTOR_PROCESS = await buildCollector("bench/collector-process.ts", ".collector/bench-collector-process.mjs");

const TRACE_EXPORT = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";
const LOGS_EXPORT = "/opentelemetry.proto.collector.logs.v1.LogsService/Export";
const METRICS_EXPORT = "/opentelemetry.proto.collector.metrics.v1.MetricsService/Export";

/** Exports of another signal sent beside each trace export (the same index), at the same time. */
interface Beside {
  method: string;
  payloads: Buffer[];
}
const exportOver = (client: grpc.Client, payload: Buffer, method = TRACE_EXPORT) =>
  new Promise<void>((resolve, reject) => client.makeUnaryRequest(method, (b: Buffer) => b, (b: Buffer) => b, payload, (err) => (err ? reject(err) : resolve())));

/**
 * Offers `fresh` exports at `spansPerSecond`, round robin over the clients, each sent on its
 * schedule however long earlier ones take; returns their acknowledgement latencies, sorted.
 */
async function offerAtRate(clients: grpc.Client[], fresh: Buffer[], spansPerExport: number, spansPerSecond: number): Promise<number[]> {
  const intervalMs = (1000 * spansPerExport) / spansPerSecond;
  const count = Math.min(fresh.length, Math.max(5, Math.ceil((HALF_RATE_SECONDS * 1000) / intervalMs)));
  const started = performance.now();
  const latencies = await Promise.all(
    fresh.slice(0, count).map(async (payload, i) => {
      const due = started + i * intervalMs;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      // From when it was due: a sender that fell behind its schedule counts its wait too.
      await exportOver(clients[i % clients.length]!, payload);
      return performance.now() - due;
    }),
  );
  return latencies.sort((a, b) => a - b);
}

async function runCollector(target: Target, payloads: Buffer[], fresh: Buffer[], spansPerExport: number, spool: boolean, beside: Beside[] = []) {
  const child = fork(COLLECTOR_PROCESS, {
    // BENCH_CPU_PROFILE=<dir> writes a V8 CPU profile of the collector process there.
    execArgv: [...COLLECTOR_NODE_FLAGS, ...(process.env.BENCH_CPU_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROFILE}`] : [])],
    env: { ...process.env, ...target.env, SPOOL_MAX_BYTES: spool ? "" : "0", BENCH_REDACTION: args.redaction === "on" ? "on" : "off", HOST: "127.0.0.1", OTLP_GRPC_PORT: String(GRPC_PORT), OTLP_HTTP_PORT: "0", OTLP_MAX_BODY_BYTES: String(64 << 20) },
    stdio: ["ignore", "ignore", "inherit", "ipc"],
  });
  type Message = { ready?: boolean; drained?: boolean; peakRssBytes?: number; cpuMicros?: number };
  const messages: Message[] = [];
  const next = () =>
    new Promise<Message>((resolve, reject) => {
      const queued = messages.shift();
      if (queued) return resolve(queued);
      const exited = (code: number | null) => reject(new Error(`collector exited with ${code}`));
      child.once("exit", exited);
      child.once("message", (m) => {
        child.off("exit", exited);
        resolve(m as Message);
      });
    });
  const { cpuMicros: cpuAtReady } = await next();

  const clients = Array.from({ length: CLIENTS }, () => new grpc.Client(`127.0.0.1:${GRPC_PORT}`, grpc.credentials.createInsecure(), { "grpc.max_send_message_length": 64 << 20 }));
  const latencies: number[] = [];
  let cursor = 0;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (cursor < payloads.length) {
        const index = cursor++;
        const t0 = performance.now();
        // With logs or metrics: they arrive at the same time as the export's spans, as from an app.
        await Promise.all([exportOver(client, payloads[index]!), ...beside.map((other) => exportOver(client, other.payloads[index]!, other.method))]);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  child.send({ drained: true });
  const { cpuMicros: cpuAtDrained } = await next();
  const seconds = (performance.now() - started) / 1000;
  // What the collector's process spent on the saturated run, every thread, per thousand spans stored.
  const cpuMsPerThousand = ((cpuAtDrained ?? 0) - (cpuAtReady ?? 0)) / 1000 / ((payloads.length * spansPerExport) / 1000);
  // One sender, one export at a time, nothing else queued: what acknowledging costs by itself
  // (with the spool: decode, normalize, append and fsync; without: the same and the transaction).
  const single: number[] = [];
  for (const payload of payloads.slice(0, SINGLE_EXPORTS)) {
    const t0 = performance.now();
    await exportOver(clients[0]!, payload);
    single.push(performance.now() - t0);
    child.send({ drained: true });
    await next();
  }
  single.sort((a, b) => a - b);
  const spansPerSecond = (payloads.length * spansPerExport) / seconds;
  const halfRate = await offerAtRate(clients, fresh, spansPerExport, spansPerSecond / 2);
  child.send({ drained: true });
  await next();
  for (const client of clients) client.close();
  child.send({ stop: true });
  const { peakRssBytes } = await next();
  latencies.sort((a, b) => a - b);
  return {
    spansPerSecond,
    seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    singleP50: percentile(single, 50),
    singleP99: percentile(single, 99),
    halfRateP50: percentile(halfRate, 50),
    halfRateP99: percentile(halfRate, 99),
    halfRateExports: halfRate.length,
    peakRssBytes: peakRssBytes ?? 0,
    cpuMsPerThousand,
  };
}

/** The same configuration again, on a fresh database, with logs and/or metrics exports beside every trace export. */
async function otherSignalsBeside(backend: string, spool: boolean, payloads: Buffer[], fresh: Buffer[], beside: Beside[], spansPerExport: number) {
  const target = backend === "postgres" ? await postgresTarget(args["postgres-url"]!) : pgliteTarget();
  try {
    return { backend, spool, collector: await runCollector(target, payloads, fresh, spansPerExport, spool, beside) };
  } finally {
    await target.cleanup();
  }
}

async function rawInsert(target: Target, rows: NewSpan[]) {
  const database = await target.openRaw();
  try {
    await migrateToLatest(database.kysely);
    const connections = target.name === "postgres" ? 4 : 1;
    const statements = chunks(rows);
    let cursor = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: connections }, async () => {
        while (cursor < statements.length) {
          const chunk = statements[cursor++]!;
          await database.kysely.insertInto("spans").values(chunk).execute();
        }
      }),
    );
    return rows.length / ((performance.now() - started) / 1000);
  } finally {
    await database.close();
  }
}

/** The collector's stored bytes per span, split by table, against the OTLP bytes per span it was sent. */
async function storageReport(target: Target, spansSent: number, otlpBytesPerSpan: number): Promise<string[]> {
  // The folder as the collector left it, before this process opens it.
  const folder = target.storedFolder ? formatPgliteFolder(target.storedFolder, spansSent, await emptyPgliteBytes()) : null;
  const database = await target.openStored();
  try {
    const size = await measureStorage(database);
    const missing = size.spans === spansSent ? [] : [`WARNING: ${size.spans} spans stored, ${spansSent} sent`];
    return [...missing, ...formatStorage(size, otlpBytesPerSpan), ...(folder === null ? [] : [folder])];
  } finally {
    await database.close();
  }
}

/** What an empty, migrated PGlite folder weighs: catalogs and WAL before any span (measured once). */
let emptyPglite: Promise<number> | null = null;
const emptyPgliteBytes = () => (emptyPglite ??= measureEmptyPglite());

async function measureEmptyPglite(): Promise<number> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "codon-bench-empty-"));
  try {
    const database = await openPglite(root);
    await migrateToLatest(database.kysely);
    await database.close();
    return folderBytes(path.join(root, "pglite"));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const spansPerExport = 512;
  console.log(`Encoding ${EXPORTS} Codon exports of ${spansPerExport} spans...`);
  const payloads = makeCodonExports(EXPORTS, spansPerExport);
  // Spans none of the first phase's exports hold, so the half-rate phase writes new rows.
  const fresh = makeCodonExports(HALF_RATE_MAX_EXPORTS, spansPerExport, { firstSpan: EXPORTS * spansPerExport });
  const megabytes = payloads.reduce((n, p) => n + p.length, 0) / 1e6;
  console.log(`${EXPORTS * spansPerExport} spans, ${megabytes.toFixed(1)} MB of protobuf (${Math.round((megabytes * 1e6) / (EXPORTS * spansPerExport))} B/span); ${CLIENTS} gRPC clients; redaction ${args.redaction === "on" ? "on (every detector)" : "off"}; node ${process.version}, ${os.cpus().length} cores; collector process: node ${COLLECTOR_NODE_FLAGS.join(" ")}, bundled (as npm run collector)\n`);
  const rows = payloads.flatMap((p) => normalizeTraces(decodeTraceRequestProtobuf(p), "default").spans);

  const backends = args.backend === "both" ? ["postgres", "pglite"] : [args.backend];
  const spoolModes = args.spool === "both" ? [true, false] : [args.spool !== "off"];
  const otlpBytesPerSpan = payloads.reduce((n, p) => n + p.length, 0) / (EXPORTS * spansPerExport);
  const results: string[] = [];
  const storage: string[] = [];
  const beside: Beside[] = [
    ...(LOGS_PER_EXPORT > 0 ? [{ method: LOGS_EXPORT, payloads: makeLogExports(EXPORTS, LOGS_PER_EXPORT, spansPerExport) }] : []),
    ...(POINTS_PER_EXPORT > 0 ? [{ method: METRICS_EXPORT, payloads: await makeMetricExports(EXPORTS, POINTS_PER_EXPORT) }] : []),
  ];
  const withLogs: { backend: string; spool: boolean; collector: Awaited<ReturnType<typeof runCollector>> }[] = [];
  const withoutLogs = new Map<string, number>();
  for (const backend of backends) for (const spool of spoolModes) {
    const target = backend === "postgres" ? await postgresTarget(args["postgres-url"]!) : pgliteTarget();
    try {
      const collector = await runCollector(target, payloads, fresh, spansPerExport, spool);
      storage.push(`\n${backend}, spool ${spool ? "on" : "off"}: bytes on disk (as the run left them: no VACUUM, no CHECKPOINT)`, ...(await storageReport(target, (EXPORTS + collector.halfRateExports) * spansPerExport, otlpBytesPerSpan)));
      const raw = await rawInsert(target, rows);
      withoutLogs.set(`${backend}/${spool}`, collector.spansPerSecond);
      results.push(
        [
          backend.padEnd(9),
          (spool ? "on" : "off").padEnd(5),
          Math.round(collector.spansPerSecond).toLocaleString("en-US").padStart(10),
          Math.round(raw).toLocaleString("en-US").padStart(10),
          (collector.spansPerSecond / raw).toFixed(2).padStart(6),
          collector.p50.toFixed(0).padStart(8),
          collector.p99.toFixed(0).padStart(8),
          collector.singleP50.toFixed(1).padStart(9),
          collector.singleP99.toFixed(1).padStart(9),
          `${collector.halfRateP50.toFixed(0)} / ${collector.halfRateP99.toFixed(0)}`.padStart(13),
          `${Math.round(collector.peakRssBytes / 2 ** 20)}`.padStart(9),
          collector.cpuMsPerThousand.toFixed(0).padStart(12),
        ].join("  "),
      );
    } finally {
      await target.cleanup();
    }
    if (beside.length > 0) withLogs.push(await otherSignalsBeside(backend, spool, payloads, fresh, beside, spansPerExport));
  }
  console.log("backend    spool  collector/s       raw/s   ratio  p50 ms   p99 ms  1-by-1 p50  p99 ms  ½-rate p50/p99  peak MiB  CPU ms/1k spans");
  for (const line of results) console.log(line);
  for (const line of storage) console.log(line);
  if (withLogs.length > 0) {
    console.log(`\nSpans with ${LOGS_PER_EXPORT} log records and ${POINTS_PER_EXPORT} metric points beside every export (sent at the same time), against the run above:`);
    console.log("backend    spool  spans/s beside     log records/s   points/s   vs without  peak MiB");
    for (const { backend, spool, collector } of withLogs) {
      const spansWithout = withoutLogs.get(`${backend}/${spool}`) ?? NaN;
      console.log(
        [
          backend.padEnd(9),
          (spool ? "on" : "off").padEnd(5),
          Math.round(collector.spansPerSecond).toLocaleString("en-US").padStart(17),
          Math.round((collector.spansPerSecond * LOGS_PER_EXPORT) / spansPerExport).toLocaleString("en-US").padStart(14),
          Math.round((collector.spansPerSecond * POINTS_PER_EXPORT) / spansPerExport).toLocaleString("en-US").padStart(9),
          (collector.spansPerSecond / spansWithout).toFixed(2).padStart(11),
          `${Math.round(collector.peakRssBytes / 2 ** 20)}`.padStart(9),
        ].join("  "),
      );
    }
  }
  console.log(`\ncollector/s: spans committed per second (runs and versions maintained; with the spool, until it is drained); raw/s: the same span rows, plain multi-row INSERT; p50/p99: export acknowledgement latency under that load (${CLIENTS} clients back to back: mostly queueing); 1-by-1: ${SINGLE_EXPORTS} exports sent alone, each once the last was stored; ½-rate: up to ${HALF_RATE_MAX_EXPORTS} fresh exports (${HALF_RATE_SECONDS} s) offered at half of collector/s on a fixed schedule, latency from each one's due time (target p99 ≤ 500 ms); CPU ms/1k spans: the collector process's CPU time (all its threads) from the first export to the last stored, per 1,000 spans.`);
}

await main();
