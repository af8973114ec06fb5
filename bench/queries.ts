/**
 * `npm run bench:queries [-- --backend postgres|pglite|both --runs 50000 --spans-per-run 20 --iterations 200]`
 *
 * Seeds runs × spans-per-run spans (1M by default) shaped like Codon telemetry into a fresh
 * database, then times the read API's server-side work, warm: the runs list with and without
 * filters, the run DAG, a run's spans and ledger, the filter options, the workloads list, version
 * history, trend, version and run compare. Prints p50/p95/max per scenario against the issues'
 * targets (p95 ≤ 25 ms for the runs list and the run DAG, ≤ 150 ms for versions and compare), and the
 * EXPLAIN ANALYZE summary of the key statements; the full plan of any statement behind a miss.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import type { Kysely } from "kysely";
import { migrateToLatest } from "@/lib/db/migrate";
import type { DB } from "@/lib/db/types";
import { captureQueries, explainFull, explainSummary } from "@/bench/queries/explain";
import { buildScenarios, formatTable, measure, type Scenario } from "@/bench/queries/scenarios";
import { rowCounts, seed } from "@/bench/queries/seed";
import { pgliteQueryTarget, postgresQueryTarget, serverAnswers, type QueryTarget } from "@/bench/query-targets";

const { values: args } = parseArgs({
  options: {
    backend: { type: "string" },
    "postgres-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
    runs: { type: "string", default: "50000" },
    "spans-per-run": { type: "string", default: "20" },
    iterations: { type: "string", default: "200" },
  },
});
const RUNS = Number(args.runs);
const SPANS_PER_RUN = Number(args["spans-per-run"]);
const ITERATIONS = Number(args.iterations);
const TENANT = "default";

/** The statements whose plans matter most: the list unfiltered and by status, the DAG's per-node span grouping. */
async function printPlans(db: Kysely<DB>, scenarios: Scenario[]): Promise<void> {
  const picks = [
    ["runs list, no filter", "runs list, no filter", /from "runs"/],
    ["runs list, status=failed", "runs list, status=failed", /from "runs"/],
    ["run DAG, span groups", "run DAG (random run)", /group by node_name, \(case when node_name is null/],
    ["version compare, node roll-ups", "version compare (busiest pair)", /join run_nodes n on/],
    ["workload versions, run figures", "workload versions", /array_agg\(distinct r\.deployment_id\)/],
  ] as const;
  console.log("EXPLAIN ANALYZE:");
  for (const [label, name, statement] of picks) {
    const queries = await captureQueries(db, (d) => scenarios.find((s) => s.name === name)!.handle(d, 0));
    const query = queries.find((q) => statement.test(q.sql));
    if (query) console.log(`  ${label}\n${await explainSummary(db, query)}`);
  }
}

/** For a scenario over target: every statement it sends, with its full plan. */
async function printMissPlans(db: Kysely<DB>, scenario: Scenario): Promise<void> {
  const queries = await captureQueries(db, (d) => scenario.handle(d, 0));
  console.log(`\nPlans behind the miss "${scenario.name}":`);
  for (const query of queries) console.log(`  ${query.sql.replace(/\s+/g, " ").slice(0, 200)}\n${await explainFull(db, query)}`);
}

async function benchBackend(target: QueryTarget): Promise<void> {
  console.log(`\n=== ${target.name} ===`);
  const database = await target.open();
  try {
    const db = database.kysely;
    await migrateToLatest(db);
    const started = performance.now();
    await seed(db, { runs: RUNS, spansPerRun: SPANS_PER_RUN, log: (m) => console.log(m) });
    console.log(`Seeded in ${((performance.now() - started) / 1000).toFixed(1)} s: ${await rowCounts(db)}`);

    const scenarios = await buildScenarios(db);
    const results = [];
    for (const scenario of scenarios) results.push(await measure(db, scenario, ITERATIONS));
    console.log(`\n${target.name}: ${ITERATIONS} iterations per scenario after warm-up\n${formatTable(results)}\n`);
    await printPlans(db, scenarios);
    for (const result of results) {
      if (result.targetMs !== null && result.p95 > result.targetMs) await printMissPlans(db, scenarios.find((s) => s.name === result.name)!);
    }
  } finally {
    await database.close();
    await target.cleanup();
  }
}

async function main(): Promise<void> {
  const url = args["postgres-url"]!;
  const backend = args.backend ?? ((await serverAnswers(url)) ? "both" : "pglite");
  if (!["postgres", "pglite", "both"].includes(backend)) throw new Error(`--backend must be postgres, pglite or both, not ${backend}`);
  console.log(`${RUNS} runs × ${SPANS_PER_RUN} spans; node ${process.version}, ${os.cpus().length} cores; backend ${backend}`);
  for (const name of backend === "both" ? ["postgres", "pglite"] : [backend]) {
    await benchBackend(name === "postgres" ? postgresQueryTarget(url, "codon_bench") : pgliteQueryTarget("codon-bench-queries"));
  }
}

await main();
