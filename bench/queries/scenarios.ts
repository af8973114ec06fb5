/**
 * The API reads under test, each timed as its route handler's server-side work: parse the query
 * string, run the query functions, JSON.stringify the body (what Response.json does).
 */
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { getRun, getRunDag } from "@/lib/runs/queries/run-dag";
import { compareRuns } from "@/lib/workloads/queries/run-compare";
import { costPerRunTrend, spendOverTime, topRunsByCost } from "@/lib/costs/queries/costs";
import { parseCostFilters } from "@/lib/costs/params";
import { listRuns, runFilterOptions } from "@/lib/runs/queries/run-list";
import { compareVersions } from "@/lib/workloads/queries/version-compare";
import { listWorkloadVersions } from "@/lib/workloads/queries/workload-versions";
import { workloadTrend } from "@/lib/workloads/queries/workload-trend";
import { listWorkloadStats } from "@/lib/workloads/queries/workloads";
import { parseWindow } from "@/lib/http/params";
import { listRunLedger, listRunSpans } from "@/lib/runs/queries/run-spans";
import { parseRunListParams } from "@/lib/runs/list-params";

const TENANT = "default";
/** The issues' targets: the runs list and the run DAG (issue 4); versions and compare (issue 5). */
export const LIST_TARGET_MS = 25;
export const VERSIONS_TARGET_MS = 150;
/** The costs page's reads (issue 6): each of its four queries within this at 1M spans. */
export const COSTS_TARGET_MS = 150;

export interface Scenario {
  name: string;
  /** p95 target in ms, or null for scenarios timed for information. */
  targetMs: number | null;
  /** The handler's work for iteration i; returns the response body. `db` lets EXPLAIN record the statements. */
  handle(db: Kysely<DB>, i: number): Promise<unknown>;
}

export interface Result {
  name: string;
  targetMs: number | null;
  p50: number;
  p95: number;
  max: number;
  kb: number;
}

const costs = (query: string) => parseCostFilters(new URLSearchParams(query));
const list = (db: Kysely<DB>, query: string) => listRuns(db, TENANT, parseRunListParams(new URLSearchParams(query)));

/** Values the filters use, read from the seeded data so the scenarios hit real rows. */
async function sampleInputs(db: Kysely<DB>) {
  const version = await db.selectFrom("workload_versions").select(["workload_name", "logic_id"]).orderBy("run_count", "desc").executeTakeFirstOrThrow();
  const deployment = await db.selectFrom("runs").select("deployment_id").where("tenant_id", "=", TENANT).limit(1).executeTakeFirstOrThrow();
  // A fixed-seed shuffle would need a helper; random() over 50k run rows once is cheap enough.
  const { rows } = await sql<{ run_id: string }>`select run_id from runs where tenant_id = ${TENANT} order by random() limit 1000`.execute(db);
  // The compare scenarios take the busiest workload's two busiest versions: the most spans to aggregate.
  const pair = await db
    .selectFrom("workload_versions")
    .select("logic_id")
    .where("tenant_id", "=", TENANT)
    .where("workload_name", "=", version.workload_name)
    .orderBy("run_count", "desc")
    .limit(2)
    .execute();
  return {
    workload: version.workload_name,
    logicId: version.logic_id,
    otherLogicId: pair[1]?.logic_id ?? version.logic_id,
    deployment: deployment.deployment_id!,
    runIds: rows.map((r) => r.run_id),
  };
}

export async function buildScenarios(db: Kysely<DB>): Promise<Scenario[]> {
  const { workload, logicId, otherLogicId, deployment, runIds } = await sampleInputs(db);
  const runAt = (i: number) => runIds[i % runIds.length]!;
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) cursor = (await list(db, cursor ? `cursor=${cursor}` : "")).nextCursor;
  const deepQuery = `cursor=${cursor}`;
  return [
    { name: "runs list, no filter", targetMs: LIST_TARGET_MS, handle: (db) => list(db, "") },
    { name: "runs list, workload=", targetMs: LIST_TARGET_MS, handle: (db) => list(db, new URLSearchParams({ workload }).toString()) },
    { name: "runs list, workload= & logicId=", targetMs: LIST_TARGET_MS, handle: (db) => list(db, new URLSearchParams({ workload, logicId }).toString()) },
    { name: "runs list, status=failed", targetMs: LIST_TARGET_MS, handle: (db) => list(db, "status=failed") },
    { name: "runs list, deployment= & from=7d", targetMs: LIST_TARGET_MS, handle: (db) => list(db, new URLSearchParams({ deployment, from: "7d" }).toString()) },
    // A different run id prefix each time: what someone pasting part of an id does.
    { name: "runs list, q=<run id prefix>", targetMs: LIST_TARGET_MS, handle: (db, i) => list(db, `q=${runAt(i).slice(0, 8)}`) },
    { name: "runs list, page 51 (cursor)", targetMs: LIST_TARGET_MS, handle: (db) => list(db, deepQuery) },
    { name: "run DAG (random run)", targetMs: LIST_TARGET_MS, handle: (db, i) => getRunDag(db, TENANT, runAt(i)) },
    // The spans and ledger handlers check the run exists first, as the routes do.
    {
      name: "run spans, summary",
      targetMs: null,
      handle: async (db, i) => (await getRun(db, TENANT, runAt(i))) && listRunSpans(db, TENANT, runAt(i), { full: false, limit: 10_000, cursor: null }),
    },
    {
      name: "run ledger",
      targetMs: null,
      handle: async (db, i) => (await getRun(db, TENANT, runAt(i))) && listRunLedger(db, TENANT, runAt(i), { limit: 5_000, cursor: null }),
    },
    { name: "filter options", targetMs: null, handle: (db) => runFilterOptions(db, TENANT) },
    { name: "workloads list, all time", targetMs: null, handle: (db) => listWorkloadStats(db, TENANT, {}) },
    { name: "workloads list, from=7d", targetMs: null, handle: (db) => listWorkloadStats(db, TENANT, parseWindow(new URLSearchParams("from=7d"))) },
    { name: "workload versions", targetMs: VERSIONS_TARGET_MS, handle: (db) => listWorkloadVersions(db, TENANT, workload) },
    { name: "workload trend", targetMs: null, handle: (db) => workloadTrend(db, TENANT, workload, {}) },
    { name: "version compare (busiest pair)", targetMs: VERSIONS_TARGET_MS, handle: (db) => compareVersions(db, TENANT, workload, otherLogicId, logicId) },
    { name: "version compare, from=7d", targetMs: VERSIONS_TARGET_MS, handle: (db) => compareVersions(db, TENANT, workload, otherLogicId, logicId, parseWindow(new URLSearchParams("from=7d"))) },
    { name: "run compare (random runs)", targetMs: VERSIONS_TARGET_MS, handle: (db, i) => compareRuns(db, TENANT, runAt(i), runAt(i + 1)) },
    { name: "costs: spend by workload, 30d, day", targetMs: COSTS_TARGET_MS, handle: (db) => spendOverTime(db, TENANT, costs("from=30d"), "workload", "day") },
    { name: "costs: spend by version, all, week", targetMs: COSTS_TARGET_MS, handle: (db) => spendOverTime(db, TENANT, costs(""), "version", "week") },
    { name: "costs: spend by model, 30d, day", targetMs: COSTS_TARGET_MS, handle: (db) => spendOverTime(db, TENANT, costs("from=30d"), "model", "day") },
    { name: "costs: spend by model, all, workload=", targetMs: COSTS_TARGET_MS, handle: (db) => spendOverTime(db, TENANT, costs(new URLSearchParams({ workload }).toString()), "model", "day") },
    { name: "costs: top runs, 30d", targetMs: COSTS_TARGET_MS, handle: (db) => topRunsByCost(db, TENANT, costs("from=30d"), 20) },
    { name: "costs: cost per run, all, day", targetMs: COSTS_TARGET_MS, handle: (db) => costPerRunTrend(db, TENANT, costs(""), "day") },
  ];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Warm-up calls first (plans cached, pages in memory), then `iterations` timed calls, one at a time. */
export async function measure(db: Kysely<DB>, scenario: Scenario, iterations: number, warmup = 10): Promise<Result> {
  // Warm-up uses iteration numbers past the timed ones, so random-run scenarios time unseen runs.
  for (let w = 0; w < warmup; w++) JSON.stringify(await scenario.handle(db, iterations + w));
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const body = JSON.stringify(await scenario.handle(db, i));
    times.push(performance.now() - t0);
    bytes += body.length;
  }
  times.sort((a, b) => a - b);
  return { name: scenario.name, targetMs: scenario.targetMs, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, kb: bytes / iterations / 1024 };
}

export function formatTable(results: Result[]): string {
  const lines = [`${"scenario".padEnd(38)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"max ms".padStart(9)}${"body KB".padStart(9)}  p95 on target`];
  for (const r of results) {
    const verdict = r.targetMs === null ? "(no target)" : `${r.p95 <= r.targetMs ? "yes" : "NO"} (≤ ${r.targetMs} ms)`;
    lines.push(`${r.name.padEnd(38)}${r.p50.toFixed(2).padStart(9)}${r.p95.toFixed(2).padStart(9)}${r.max.toFixed(2).padStart(9)}${r.kb.toFixed(1).padStart(9)}  ${verdict}`);
  }
  return lines.join("\n");
}
