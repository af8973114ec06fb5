/**
 * `npm run bench:long-run [-- --spans 100000 --backend postgres|pglite|both --via store|http --max-seconds 900]`
 *
 * Does ingest cost grow with a run's size? Writes one single run (one `codon.workload.run_id`:
 * Codon node spans over 10 node names, token usage on the LLM nodes, one audit event per span)
 * in exports of 500 spans until it holds `--spans` spans, on a fresh database per backend, and
 * times each batch: `--via store` times the collector's own writeBatch (the pure store cost),
 * `--via http` the OTLP/HTTP protobuf round trip to the collector in its own process (spool off,
 * so the answer comes once the batch is committed). Prints the median batch latency at the
 * start, around 10k and 50k spans and at the end, and last/first (issue 19's target: ≤ 1.5 at
 * the 100,000th span), then the bytes on disk per stored span. Five batches of another run are
 * written first, untimed, so "first" measures a small run, not a cold process. Each backend
 * stops by itself after `--max-seconds` and prints what it has.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { makeCodonExports } from "@/bench/codon-exports";
import { httpSink, storeSink, type Backend } from "@/bench/long-run-sinks";
import { formatPgliteFolder, formatStorage, measureStorage } from "@/bench/storage-size";

const { values: args } = parseArgs({
  options: {
    spans: { type: "string", default: "100000" },
    backend: { type: "string", default: "both" },
    via: { type: "string", default: "store" },
    "max-seconds": { type: "string", default: "900" },
    "postgres-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
  },
});
const BATCH_SPANS = 500;
const AROUND = 5;
const RUN_ID = "long-run-1";
const WARMUP_BATCHES = 5;
const TOTAL_SPANS = Math.max(BATCH_SPANS, Math.round(Number(args.spans) / BATCH_SPANS) * BATCH_SPANS);
const MAX_MS = Number(args["max-seconds"]) * 1000;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Median latency of the `AROUND` batches centred on the one that brings the run to `spans`; null if not reached. */
function around(latencies: number[], spans: number): { median: number; from: number; to: number } | null {
  const centre = spans / BATCH_SPANS - 1;
  if (centre + (AROUND >> 1) >= latencies.length) return null;
  const from = Math.max(0, centre - (AROUND >> 1));
  return { median: median(latencies.slice(from, from + AROUND)), from, to: from + AROUND - 1 };
}

async function measure(backend: Backend): Promise<void> {
  const sink = args.via === "http" ? await httpSink(backend, args["postgres-url"]!) : await storeSink(backend, args["postgres-url"]!);
  try {
    for (let i = 0; i < WARMUP_BATCHES; i++) await sink.write(makeCodonExports(1, BATCH_SPANS, { runId: "long-run-warm-up", firstSpan: i * BATCH_SPANS, auditEvents: true })[0]!);
    const latencies: number[] = [];
    let otlpBytes = 0;
    const started = performance.now();
    let cutShort = false;
    for (let spans = 0; spans < TOTAL_SPANS; spans += BATCH_SPANS) {
      if (performance.now() - started > MAX_MS) {
        cutShort = true;
        break;
      }
      const payload = makeCodonExports(1, BATCH_SPANS, { runId: RUN_ID, firstSpan: spans, auditEvents: true })[0]!;
      otlpBytes += payload.length;
      latencies.push(await sink.write(payload));
      const done = spans + BATCH_SPANS;
      if (done % 10_000 === 0) console.error(`[${backend}] ${fmt(done)} spans, last batch ${latencies.at(-1)!.toFixed(0)} ms, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
    const seconds = (performance.now() - started) / 1000;
    const reached = latencies.length * BATCH_SPANS;

    console.log(`\n${backend}, via ${args.via}: one run, ${fmt(reached)} spans in ${latencies.length} batches of ${BATCH_SPANS} (one audit event per span), ${seconds.toFixed(1)} s`);
    if (cutShort) console.log(`CUT SHORT: --max-seconds ${args["max-seconds"]} passed after ${fmt(reached)} of ${fmt(TOTAL_SPANS)} spans`);
    if (sink.retries) console.log(`${sink.retries} exports were refused as retryable (429/503) and sent again; their wait is in the latency`);
    console.log("point                       batches          run size after   median ms");
    const row = (label: string, from: number, to: number, value: number) =>
      console.log(`${label.padEnd(28)}${`${from + 1}–${to + 1}`.padEnd(17)}${`${fmt((from + 1) * BATCH_SPANS)}–${fmt((to + 1) * BATCH_SPANS)}`.padEnd(17)}${value.toFixed(1).padStart(10)}`);
    const first = median(latencies.slice(0, AROUND));
    row("first batches", 0, Math.min(AROUND, latencies.length) - 1, first);
    for (const spans of [10_000, 50_000]) {
      if (spans + AROUND * BATCH_SPANS > reached) continue;
      const point = around(latencies, spans);
      if (point) row(`around ${fmt(spans)} spans`, point.from, point.to, point.median);
    }
    const lastFrom = Math.max(0, latencies.length - AROUND);
    const last = median(latencies.slice(lastFrom));
    row("last batches", lastFrom, latencies.length - 1, last);
    console.log(`last / first: ${(last / first).toFixed(2)} at ${fmt(reached)} spans (issue 19's target: ≤ 1.5 at the 100,000th span)`);

    const stored = await sink.finish();
    const sent = reached + WARMUP_BATCHES * BATCH_SPANS;
    // Before the database is reopened for the queries below, which may write to the folder.
    const folder = stored.folder ? formatPgliteFolder(stored.folder, sent, null) : null;
    const size = await measureStorage(stored.database);
    if (size.spans !== sent) console.log(`WARNING: ${fmt(size.spans)} spans stored, ${fmt(sent)} sent`);
    console.log(`bytes on disk, as the run left them (no VACUUM, no CHECKPOINT; ${fmt(WARMUP_BATCHES * BATCH_SPANS)} of the spans are the warm-up run's):`);
    for (const line of formatStorage(size, otlpBytes / reached)) console.log(line);
    if (folder !== null) console.log(folder);
  } finally {
    await sink.cleanup();
  }
}

async function main(): Promise<void> {
  if (args.via !== "store" && args.via !== "http") throw new Error("--via is store or http");
  const backends: Backend[] = args.backend === "both" ? ["postgres", "pglite"] : args.backend === "postgres" || args.backend === "pglite" ? [args.backend] : [];
  if (backends.length === 0) throw new Error("--backend is postgres, pglite or both");
  console.log(`bench:long-run: ${fmt(TOTAL_SPANS)} spans in one run, via ${args.via}, at most ${args["max-seconds"]} s per backend; node ${process.version}, ${os.cpus().length} cores`);
  for (const backend of backends) await measure(backend);
}

await main();
