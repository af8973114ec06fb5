/**
 * `npm run bench:retention [-- --spans 51200 --backend postgres|pglite]`
 *
 * Ingest throughput while the retention job removes a day of old data, against the same ingest
 * without it, in one run. Twice, each on a fresh database: seeds `--spans` spans spread over one
 * day 40 days ago (past the 30-day default), then writes `--spans` fresh spans through the
 * collector's own writeBatch (batches of 4,096 rows; 4 writers on PostgreSQL, 1 on PGlite, as
 * the collector runs them), the first time alone, the second while a retention pass removes the
 * old day. Prints both rates (the second over the time both ran), their ratio, and the pass.
 *
 * `--database-spans N` measures at scale instead: one database seeded with N spans over the last
 * 31 days (bench/queries/seed.ts: runs of 20 spans with their audit events and roll-ups), so its
 * oldest day is past the 30-day default; then `--spans` fresh spans written alone, then another
 * `--spans` while a retention pass removes that day.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { decodeTraceRequestProtobuf } from "@/collector/decode";
import { normalizeTraces } from "@/collector/normalize";
import { startRetention } from "@/collector/retention/retention-job";
import { writeBatch } from "@/collector/store/write-batch";
import { openPglite, openPostgres, type Database } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import type { NewSpan } from "@/lib/db/types";
import { makeCodonExports } from "@/bench/codon-exports";
import { seed } from "@/bench/queries/seed";

const { values: args } = parseArgs({
  options: {
    spans: { type: "string", default: "51200" },
    "database-spans": { type: "string", default: "0" },
    backend: { type: "string", default: "postgres" },
    "postgres-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
  },
});
const SPANS_PER_EXPORT = 512;
const BATCH_ROWS = 4096;
const DAY_NS = 86_400_000_000_000n;

/** The same spans under other ids (`tag`: two hex digits) and, for the old day, moved back in time. */
function variant(rows: NewSpan[], tag: string, daysAgo: number | null): NewSpan[] {
  const nowNs = BigInt(Date.now()) * 1_000_000n;
  return rows.map((row, i) => {
    let start = BigInt(row.start_time_unix_nano);
    let end = BigInt(row.end_time_unix_nano);
    if (daysAgo !== null) {
      // Spread over one day, `daysAgo` days back.
      const at = nowNs - BigInt(daysAgo) * DAY_NS + (DAY_NS * BigInt(i)) / BigInt(rows.length);
      end = at + (end - start);
      start = at;
    }
    return { ...row, run_id: `${tag}-${row.run_id}`, trace_id: tag + row.trace_id.slice(2), start_time_unix_nano: start.toString(), end_time_unix_nano: end.toString() };
  });
}

/** Writes the rows as the collector's batcher would, `writers` transactions at a time; spans per second. */
async function ingest(database: Database, rows: NewSpan[], writers: number, committed: { atMs: number; rows: number }[] = []): Promise<number> {
  const batches: NewSpan[][] = [];
  for (let i = 0; i < rows.length; i += BATCH_ROWS) batches.push(rows.slice(i, i + BATCH_ROWS));
  let cursor = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      while (cursor < batches.length) {
        const spans = batches[cursor++]!;
        await writeBatch(database.kysely, { spans, auditEvents: [], graphs: [], nodeSpecs: [] }, 0n);
        committed.push({ atMs: performance.now(), rows: spans.length });
      }
    }),
  );
  return rows.length / ((performance.now() - started) / 1000);
}

async function openTarget(name: string): Promise<{ database: Database; cleanup(): Promise<void> }> {
  if (args.backend === "pglite") {
    const database = await openPglite();
    return { database, cleanup: () => database.close() };
  }
  const adminUrl = args["postgres-url"]!;
  const database = await openPostgres(Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString(), { maxConnections: 6 });
  return {
    database,
    async cleanup() {
      await database.close();
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}

interface Outcome {
  /** Spans per second committed while the pass ran (the whole ingest if there was no pass, or it outlasted the ingest). */
  ingest: number;
  pass: { runs: number; ms: number } | null;
  ingestMs: number;
}

/** Writes the rows while one retention pass runs; the rate counts the spans committed while both ran. */
async function ingestDuringRetention(database: Database, rows: NewSpan[], writers: number): Promise<Outcome> {
  const started = performance.now();
  const retention = startRetention(database.kysely, { defaultDays: 30, firstPassMs: 3_600_000, intervalMs: 3_600_000 });
  let passMs = Infinity;
  const pass = retention.sweep().then((result) => {
    passMs = performance.now() - started;
    return result;
  });
  const committed: { atMs: number; rows: number }[] = [];
  const whole = await ingest(database, rows, writers, committed);
  const ingestMs = performance.now() - started;
  const result = await pass;
  await retention.close();
  const during = passMs < ingestMs ? committed.filter((c) => c.atMs - started <= passMs).reduce((n, c) => n + c.rows, 0) / (passMs / 1000) : whole;
  return { ingest: during, pass: result ? { runs: result.deletedRuns, ms: passMs } : null, ingestMs };
}

/** A fresh database with the old day in it, then the fresh set written with or without a retention pass at the same time. */
async function scenario(rows: NewSpan[], withRetention: boolean): Promise<Outcome> {
  const { database, cleanup } = await openTarget(`codon_bench_retention_${process.pid}_${withRetention ? "on" : "off"}`);
  const writers = args.backend === "pglite" ? 1 : 4;
  try {
    await migrateToLatest(database.kysely);
    await ingest(database, variant(rows, "0d", 40), writers);
    const fresh = variant(rows, "0a", null);
    if (!withRetention) {
      const started = performance.now();
      return { ingest: await ingest(database, fresh, writers), pass: null, ingestMs: performance.now() - started };
    }
    const outcome = await ingestDuringRetention(database, fresh, writers);
    const left = await database.kysely.selectFrom("spans").select((eb) => eb.fn.countAll<string>().as("n")).where("run_id", "like", "0d-%").executeTakeFirstOrThrow();
    if (Number(left.n) !== 0) throw new Error(`${left.n} old spans were left`);
    return outcome;
  } finally {
    await cleanup();
  }
}

/** Ingest alone, then ingest during a retention pass, on one database seeded with `databaseSpans` over 31 days. */
async function atScale(rows: NewSpan[], databaseSpans: number): Promise<void> {
  const { database, cleanup } = await openTarget(`codon_bench_retention_${process.pid}_scale`);
  const writers = args.backend === "pglite" ? 1 : 4;
  try {
    await migrateToLatest(database.kysely);
    const seeding = performance.now();
    const spansPerRun = 20;
    await seed(database.kysely, { runs: Math.ceil(databaseSpans / spansPerRun), spansPerRun, days: 31, log: (message) => console.log(message) });
    const count = async (filter: "all" | "old") => {
      const cutoffNs = (BigInt(Date.now()) - 30n * 86_400_000n) * 1_000_000n;
      const query = database.kysely.selectFrom("runs").select((eb) => [eb.fn.countAll<string>().as("runs"), eb.fn.sum<string>("span_count").as("spans")]);
      return (filter === "old" ? query.where("end_time_unix_nano", "<", cutoffNs.toString()) : query).executeTakeFirstOrThrow();
    };
    const [all, old] = [await count("all"), await count("old")];
    console.log(`seeded ${Number(all.spans).toLocaleString("en-US")} spans in ${Number(all.runs).toLocaleString("en-US")} runs in ${((performance.now() - seeding) / 1000).toFixed(0)} s; past 30 days: ${Number(old.spans).toLocaleString("en-US")} spans in ${Number(old.runs).toLocaleString("en-US")} runs`);
    const alone = await ingest(database, variant(rows, "0a", null), writers);
    console.log(`ingest alone:            ${Math.round(alone).toLocaleString("en-US")} spans/s`);
    const during = await ingestDuringRetention(database, variant(rows, "0b", null), writers);
    const left = await count("old");
    console.log(`ingest during retention: ${Math.round(during.ingest).toLocaleString("en-US")} spans/s (over the ${(Math.min(during.pass?.ms ?? Infinity, during.ingestMs) / 1000).toFixed(1)} s both ran)`);
    console.log(`ratio: ${(during.ingest / alone).toFixed(2)}`);
    console.log(`retention pass: ${during.pass?.runs ?? 0} runs (${Number(old.spans).toLocaleString("en-US")} spans) in ${((during.pass?.ms ?? NaN) / 1000).toFixed(1)} s; past 30 days afterwards: ${Number(left.runs)} runs`);
  } finally {
    await cleanup();
  }
}

async function main(): Promise<void> {
  const exports = Math.max(1, Math.round(Number(args.spans) / SPANS_PER_EXPORT));
  const rows = makeCodonExports(exports, SPANS_PER_EXPORT).flatMap((p) => normalizeTraces(decodeTraceRequestProtobuf(p), "default").spans);
  const databaseSpans = Number(args["database-spans"]);
  if (databaseSpans > 0) {
    console.log(`${args.backend}: a database of ${databaseSpans.toLocaleString("en-US")} spans over 31 days, then ${rows.length} fresh spans alone and ${rows.length} during a retention pass; node ${process.version}, ${os.cpus().length} cores\n`);
    return atScale(rows, databaseSpans);
  }
  console.log(`${args.backend}: an old day of ${rows.length} spans, then ${rows.length} fresh ones; node ${process.version}, ${os.cpus().length} cores\n`);
  const alone = await scenario(rows, false);
  console.log(`ingest alone:            ${Math.round(alone.ingest).toLocaleString("en-US")} spans/s`);
  const shared = await scenario(rows, true);
  const pass = shared.pass!;
  const window = Math.min(pass.ms, shared.ingestMs);
  console.log(`ingest during retention: ${Math.round(shared.ingest).toLocaleString("en-US")} spans/s (over the ${(window / 1000).toFixed(1)} s both ran)`);
  console.log(`ratio: ${(shared.ingest / alone.ingest).toFixed(2)}`);
  console.log(`retention pass: ${pass.runs} runs (${rows.length} spans) in ${(pass.ms / 1000).toFixed(1)} s, ${Math.round(rows.length / (pass.ms / 1000)).toLocaleString("en-US")} spans/s removed; the ingest took ${(shared.ingestMs / 1000).toFixed(1)} s`);
}

await main();
