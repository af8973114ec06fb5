/**
 * `npm run bench:verdicts [-- --backend postgres|pglite|both --workloads 5 --versions 10 --runs 500]`
 *
 * What keeping version verdicts current costs (issue 22): seeds `workloads` × `versions` logic
 * ids, each with `runs` finished runs in prod and in staging (50,000 runs by default) and four
 * nodes a run, straight in SQL; then times a full verdict pass (every verdict computed), a pass
 * with nothing new (every verdict skipped), and a pass after one version gained a run (one
 * workload re-read, the verdicts whose inputs moved recomputed). The job rests 0 here, to
 * measure its work; in the collector it rests as long as it worked after each verdict. Also
 * prints the longest event-loop block during the passes.
 */
import os from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { sql, type Kysely } from "kysely";
import { migrateToLatest } from "@/lib/db/migrate";
import type { DB } from "@/lib/db/types";
import { DEFAULT_VERDICT_SETTINGS } from "@/lib/verdicts/settings";
import { startVerdicts } from "@/collector/verdicts/verdict-job";
import { pgliteQueryTarget, postgresQueryTarget, serverAnswers, type QueryTarget } from "@/bench/query-targets";

const { values: args } = parseArgs({
  options: {
    backend: { type: "string", default: "both" },
    "postgres-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
    workloads: { type: "string", default: "5" },
    versions: { type: "string", default: "10" },
    runs: { type: "string", default: "500" },
  },
});
const WORKLOADS = Number(args.workloads);
const VERSIONS = Number(args.versions);
const RUNS = Number(args.runs);
const NODES = ["planner", "researcher", "writer", "reviewer"];
const HOUR_NS = 3_600_000_000_000n;

/**
 * Runs with log-normal durations and costs (setseed makes them the same every time); every third
 * version is 30% costlier, so some verdicts have regressions to find. (The lateral subqueries name
 * an outer column, or PostgreSQL would draw their random() once for all rows.) Node rows carry one
 * activation each (exact min/max, a one-bin sketch).
 */
async function seed(db: Kysely<DB>): Promise<number> {
  await sql`select setseed(0.42)`.execute(db);
  const start = BigInt(Date.now()) * 1_000_000n - BigInt(WORKLOADS * VERSIONS * RUNS * 2) * 60_000_000_000n;
  for (let w = 0; w < WORKLOADS; w++) {
    for (let v = 0; v < VERSIONS; v++) {
      const logicId = `${w.toString(16).padStart(2, "0")}${v.toString(16).padStart(2, "0")}`.repeat(16);
      const from = start + BigInt(w * VERSIONS + v) * BigInt(RUNS) * 2n * 60_000_000_000n;
      await sql`
        insert into workload_versions (tenant_id, workload_name, logic_id, version, first_seen_unix_nano, last_seen_unix_nano, run_count)
        values ('default', ${`workload-${w}`}, ${logicId}, ${`0.${v}.0`}, ${from.toString()}::int8, ${(from + HOUR_NS).toString()}::int8, ${RUNS * 2})`.execute(db);
      await sql`
        insert into runs (tenant_id, run_id, workload_name, workload_logic_id, deployment_id, status, start_time_unix_nano, end_time_unix_nano, duration_ns, total_tokens, cost_usd)
        select 'default', ${`w${w}-v${v}-`} || i, ${`workload-${w}`}, ${logicId}, case when i % 2 = 0 then 'prod' else 'staging' end,
          case when random() < 0.05 then 'failed' else 'completed' end,
          ${from.toString()}::int8 + i * 60000000000, ${from.toString()}::int8 + i * 60000000000 + d, d,
          (3000 * exp(0.3 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::int8,
          ${v % 3 === 2 ? 0.026 : 0.02} * exp(0.3 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random()))
        from generate_series(0, ${RUNS * 2 - 1}::int) i,
          lateral (select (4e9 * exp(0.3 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) + 0 * i)::int8 as d) dur`.execute(db);
      await sql`
        insert into run_nodes (tenant_id, run_id, node_name, activations, errors, duration_bins, duration_counts, duration_min_ns, duration_max_ns, tokens, cost_usd)
        select 'default', r.run_id, n.name, 1, 0,
          array[ceil(ln(nd) / ln(1.02 / 0.98))::int4], array[1], nd, nd, 0, 0
        from runs r cross join unnest(${NODES}::text[]) as n(name),
          lateral (select (1e9 * exp(0.3 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())) + 0 * length(n.name) + 0 * r.start_time_unix_nano)::int8 as nd) d
        where r.tenant_id = 'default' and r.workload_logic_id = ${logicId}`.execute(db);
    }
  }
  await sql`analyze runs`.execute(db);
  await sql`analyze run_nodes`.execute(db);
  const { rows } = await sql<{ n: string }>`select count(*)::text as n from runs`.execute(db);
  return Number(rows[0]!.n);
}

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T; maxBlockMs: number }> {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const t0 = performance.now();
  const value = await run();
  const ms = performance.now() - t0;
  delay.disable();
  return { ms, value, maxBlockMs: delay.max / 1e6 };
}

async function benchBackend(target: QueryTarget): Promise<void> {
  const database = await target.open();
  try {
    const db = database.kysely;
    await migrateToLatest(db);
    const seeding = performance.now();
    const runCount = await seed(db);
    console.log(`\n${target.name}: ${runCount.toLocaleString("en-US")} runs, ${WORKLOADS} workloads × ${VERSIONS} logic ids × 2 deployments (seeded in ${((performance.now() - seeding) / 1000).toFixed(1)} s)`);
    const job = startVerdicts(db, { settings: DEFAULT_VERDICT_SETTINGS, firstPassMs: 3_600_000, intervalMs: 3_600_000, restRatio: 0 });
    try {
      const full = await timed(() => job.pass({ full: true }));
      const statuses = await sql<{ status: string; n: string }>`select status, count(*)::text as n from version_verdicts group by status order by status`.execute(db);
      const idle = await timed(() => job.pass({ full: true }));
      await sql`update runs set updated_at = now() where run_id = 'w0-v5-0'`.execute(db);
      await sql`update workload_versions set updated_at = now() where workload_name = 'workload-0'`.execute(db);
      const one = await timed(() => job.pass());
      const perVerdict = full.ms / Math.max(1, full.value.written);
      console.log("pass                                            verdicts written   ms total   ms per verdict   longest event-loop block ms");
      const line = (name: string, result: typeof full) =>
        console.log(`${name.padEnd(48)}${String(result.value.written).padStart(16)}${result.ms.toFixed(0).padStart(11)}${(result.value.written ? result.ms / result.value.written : 0).toFixed(1).padStart(17)}${result.maxBlockMs.toFixed(1).padStart(30)}`);
      line("full (every verdict computed)", full);
      line("nothing new (every verdict skipped)", idle);
      line("one version gained a run (one workload)", one);
      console.log(`verdicts: ${statuses.rows.map((row) => `${row.status} ${row.n}`).join(", ")}; ${perVerdict.toFixed(1)} ms a verdict`);
    } finally {
      await job.close();
    }
  } finally {
    await database.close();
    await target.cleanup();
  }
}

async function main(): Promise<void> {
  const backend = args.backend!;
  if (!["postgres", "pglite", "both"].includes(backend)) throw new Error(`--backend must be postgres, pglite or both, not ${backend}`);
  console.log(`node ${process.version}, ${os.cpus().length} cores; newest 500 finished runs a side compared`);
  const names = backend === "both" ? ((await serverAnswers(args["postgres-url"]!)) ? ["postgres", "pglite"] : ["pglite"]) : [backend];
  for (const name of names) {
    await benchBackend(name === "postgres" ? postgresQueryTarget(args["postgres-url"]!, "codon_bench_verdicts") : pgliteQueryTarget("codon-bench-verdicts"));
  }
}

await main();
