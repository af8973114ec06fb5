/**
 * `npm run bench:run-dag [-- --backend pglite|postgres|both --spans 100000 --iterations 30 --first-reads 5]`
 *
 * Seeds one workflow run of `spans` spans through writeBatch (a root span, node spans beneath it,
 * two LLM calls beneath each node span, a ledger of enqueue/dequeue/complete events per node span)
 * and a 200-span run of the same shape, then prints getRunDag's first read (which builds the DAG; the
 * median of `--first-reads` builds) and
 * p50/p95/max of later reads of the unchanged run for both, and the
 * part of it spent on the span and ledger groups: from the roll-ups, and from every row as the read
 * grouped them before (p50/p95). Then the large run keeps growing: one activation (3 spans and
 * 3 ledger events) written through writeBatch, then one read, `--grow-rounds` times with
 * `--grow-every` ms between rounds, as a live run page refreshing after each batch; it prints those
 * reads' latency, how far behind the stored run the graph they got was (`graphAsOf`), how many
 * reads waited for a build, and how long after the last write the graph was current again.
 * Figures, not a timed test.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { testBackends } from "@/lib/db/testing/backends";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { maxDagNodes } from "@/lib/runtime/dag-limit";
import { runGroups } from "@/lib/runs/queries/run-dag-groups";
import { writeBatch } from "@/collector/store/write-batch";
import { activationRows, seed } from "@/bench/run-dag-seed";
import type { RunDag } from "@/lib/runs/types";

const { values: args } = parseArgs({
  options: {
    backend: { type: "string", default: "both" },
    "postgres-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
    spans: { type: "string", default: "100000" },
    iterations: { type: "string", default: "30" },
    "first-reads": { type: "string", default: "5" },
    "grow-rounds": { type: "string", default: "30" },
    "grow-every": { type: "string", default: "250" },
  },
});
async function timed(work: () => Promise<unknown>, iterations: number): Promise<{ p50: number; p95: number; max: number }> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]!, p95: times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!, max: times.at(-1)! };
}

const ms = (value: number) => `${value.toFixed(1).padStart(8)} ms`;
const growing: string[] = [];
const sleep = (waitMs: number) => new Promise((resolve) => setTimeout(resolve, waitMs));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]!;
/** The graph's age behind the stored run, in ms: 0 when current (or from a build without `graphAsOf`). */
const lagOf = (dag: RunDag | null) => (dag?.graphAsOf ? Date.now() - Date.parse(dag.graphAsOf) : 0);

/** The run gains one activation before each read; what those reads cost and how far behind they were. */
async function grow(db: Parameters<typeof getRunDag>[0], runId: string, firstActivation: number): Promise<string> {
  const rounds = Number(args["grow-rounds"]);
  const reads: number[] = [];
  const lags: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const rows = activationRows(runId, firstActivation + r);
    await writeBatch(db, { spans: rows.spans, auditEvents: rows.events, graphs: [], nodeSpecs: [] }, 0n);
    const start = performance.now();
    const dag = await getRunDag(db, "default", runId);
    reads.push(performance.now() - start);
    lags.push(lagOf(dag));
    await sleep(Number(args["grow-every"]));
  }
  const lastWrite = performance.now();
  let current = await getRunDag(db, "default", runId);
  while (current?.graphAsOf) {
    await sleep(20);
    current = await getRunDag(db, "default", runId);
  }
  const caughtUp = performance.now() - lastWrite;
  reads.sort((a, b) => a - b);
  lags.sort((a, b) => a - b);
  const waited = reads.filter((readMs) => readMs > 100).length;
  return `${String(rounds).padStart(6)} | ${ms(percentile(reads, 0.5))} | ${ms(percentile(reads, 0.95))} | ${ms(reads.at(-1)!)} | ${String(waited).padStart(6)} | ${ms(percentile(lags, 0.5))} | ${ms(lags.at(-1)!)} | ${ms(caughtUp)}`;
}
const spanCount = Number(args.spans);
/** A first read (a build) is timed this many times, the median printed; the last is with the default node limit. */
const FIRST_READS = Number(args["first-reads"]);
const iterations = Number(args.iterations);
const backends = testBackends({ TEST_DATABASE_URL: args.backend === "pglite" ? "" : args["postgres-url"] } as unknown as NodeJS.ProcessEnv).filter((b) => args.backend === "both" || b.name === args.backend);
console.log(`getRunDag, warm, ${iterations} reads, node ${process.version}`);
console.log("backend  |  spans | seed (s) |  dag first  |   dag p50   |   dag p95   |   dag max   | groups p50  | groups p95  | from rows p50 | from rows p95");
for (const backend of backends) {
  const handle = await backend.open();
  try {
    const db = handle.database.kysely;
    for (const [runId, count] of [["run-small", 200], ["run-large", spanCount]] as const) {
      const seedMs = await seed(db, runId, count);
      // The first read builds the DAG from the run's rows; later ones find it kept while the run is
      // unchanged (run-dag-memo.ts, for runs of MEMO_MIN_SPANS or more).
      // Each with its own node limit, which is part of what is kept: a build every time.
      const firsts: number[] = [];
      for (let i = 0; i < FIRST_READS; i++) {
        const firstStart = performance.now();
        await getRunDag(db, "default", runId, { maxNodes: maxDagNodes() + FIRST_READS - 1 - i });
        firsts.push(performance.now() - firstStart);
      }
      const first = firsts.sort((a, b) => a - b)[Math.floor(firsts.length / 2)]!;
      const dag = await timed(() => getRunDag(db, "default", runId), iterations);
      const readGroups = () => runGroups(db, "default", runId);
      const groups = await timed(readGroups, iterations);
      // The same groups computed from every row, as before the roll-ups (a run never folded is read so).
      const inputs = await sql<{ a: unknown }>`select aggregate_inputs as a from runs where run_id = ${runId}`.execute(db);
      await sql`update runs set aggregate_inputs = null where run_id = ${runId}`.execute(db);
      const whole = await timed(readGroups, Math.min(iterations, 10));
      await sql`update runs set aggregate_inputs = ${JSON.stringify(inputs.rows[0]!.a)}::jsonb where run_id = ${runId}`.execute(db);
      console.log(`${backend.name.padEnd(8)} | ${String(count).padStart(6)} | ${(seedMs / 1000).toFixed(1).padStart(8)} | ${ms(first)} | ${ms(dag.p50)} | ${ms(dag.p95)} | ${ms(dag.max)} | ${ms(groups.p50)} | ${ms(groups.p95)} | ${ms(whole.p50)} | ${ms(whole.p95)}`);
    }
    growing.push(`${backend.name.padEnd(8)} | ${await grow(db, "run-large", Math.floor((spanCount - 1) / 3))}`);
  } finally {
    await handle.dispose();
  }
}

console.log(`\nA growing run: one activation written, then one read, every ${args["grow-every"]} ms (reads over 100 ms: waited for a build; lag: how old the graph served was)`);
console.log("backend  | rounds |  read p50   |  read p95   |  read max   | >100ms |   lag p50   |   lag max   | current after last write");
for (const line of growing) console.log(line);
