/**
 * `npm run bench:run-dag [-- --backend pglite|postgres|both --spans 100000 --iterations 30]`
 *
 * Seeds one workflow run of `spans` spans through writeBatch (a root span, node spans beneath it,
 * two LLM calls beneath each node span, a ledger of enqueue/dequeue/complete events per node span)
 * and a 200-span run of the same shape, then prints getRunDag's first read (which builds the DAG) and
 * p50/p95/max of later reads of the unchanged run for both, and the
 * part of it spent on the span and ledger groups: from the roll-ups, and from every row as the read
 * grouped them before (p50/p95). Figures, not a timed test.
 */
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql } from "kysely";
import { testBackends } from "@/lib/db/testing/backends";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { runGroups } from "@/lib/runs/queries/run-dag-groups";
import { seed } from "@/bench/run-dag-seed";

const { values: args } = parseArgs({
  options: {
    backend: { type: "string", default: "both" },
    "postgres-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
    spans: { type: "string", default: "100000" },
    iterations: { type: "string", default: "30" },
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
const spanCount = Number(args.spans);
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
      const firstStart = performance.now();
      await getRunDag(db, "default", runId);
      const first = performance.now() - firstStart;
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
  } finally {
    await handle.dispose();
  }
}
