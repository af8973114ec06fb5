import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { sketchFromStored, valueOfBin } from "@/lib/stats/duration-sketch";
import type { RunSample } from "@/lib/verdicts/judge";

/** One logic id's runs in one deployment, as a pass sees them. */
export interface VersionGroup {
  deploymentKey: string;
  logicId: string;
  finished: number;
  /** The first run's start: orders the logic ids of a deployment. */
  firstStartNs: bigint;
  /** The latest change to a finished run (ISO), or null with none. */
  lastChange: string | null;
  /** How many numeric and boolean scores its finished runs hold, and when the last came: scores move a verdict too. */
  scoreStamp: string;
}

/**
 * Workloads whose versions gained runs, or whose runs gained scores, since `since` (every workload
 * when null). A removed score is seen by the next full pass.
 */
export async function changedWorkloads(db: Kysely<DB>, since: Date | null): Promise<{ tenantId: string; workloadName: string }[]> {
  const scored = since
    ? sql`
      union
      select r.tenant_id, r.workload_name from scores s join runs r on r.tenant_id = s.tenant_id and r.run_id = s.run_id
      where s.created_at > ${since.toISOString()}::timestamptz and r.workload_name is not null`
    : sql``;
  const { rows } = await sql<{ tenant_id: string; workload_name: string }>`
    select tenant_id, workload_name from workload_versions
    where ${since ? sql`updated_at > ${since.toISOString()}::timestamptz` : sql`true`}
    ${scored}
    order by tenant_id, workload_name`.execute(db);
  return rows.map((row) => ({ tenantId: row.tenant_id, workloadName: row.workload_name }));
}

/** Every (deployment, logic id) of a workload with its finished runs: one pass over the workload's runs (runs_workload_start_idx). */
export async function versionGroups(db: Kysely<DB>, tenantId: string, workloadName: string): Promise<VersionGroup[]> {
  const { rows } = await sql<{ deployment_key: string; logic_id: string; finished: string; first_start: string; last_change: Date | string | null }>`
    select coalesce(deployment_id, '') as deployment_key, workload_logic_id as logic_id,
      count(*) filter (where status <> 'running')::int8 as finished,
      min(start_time_unix_nano)::int8 as first_start,
      max(updated_at) filter (where status <> 'running') as last_change
    from runs
    where tenant_id = ${tenantId} and workload_name = ${workloadName} and workload_logic_id is not null
    group by 1, 2`.execute(db);
  const { rows: scored } = await sql<{ deployment_key: string; logic_id: string; n: string; last: Date | string }>`
    select coalesce(r.deployment_id, '') as deployment_key, r.workload_logic_id as logic_id, count(*)::text as n, max(s.created_at) as last
    from runs r join scores s on s.tenant_id = r.tenant_id and s.run_id = r.run_id
    where r.tenant_id = ${tenantId} and r.workload_name = ${workloadName} and r.workload_logic_id is not null and r.status <> 'running'
      and s.data_type <> 'categorical'
    group by 1, 2`.execute(db);
  const stamps = new Map(scored.map((row) => [`${row.deployment_key}\u0000${row.logic_id}`, `${row.n}@${new Date(row.last).toISOString()}`]));
  return rows.map((row) => ({
    scoreStamp: stamps.get(`${row.deployment_key}\u0000${row.logic_id}`) ?? "0",
    deploymentKey: row.deployment_key,
    logicId: row.logic_id,
    finished: Number(row.finished),
    firstStartNs: BigInt(row.first_start),
    lastChange: row.last_change === null ? null : new Date(row.last_change).toISOString(),
  }));
}

/** The inputs strings of the workload's stored verdicts, by `${deploymentKey}\0${logicId}`. */
export async function storedInputs(db: Kysely<DB>, tenantId: string, workloadName: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom("version_verdicts").select(["deployment_key", "logic_id", "inputs"]).where("tenant_id", "=", tenantId).where("workload_name", "=", workloadName).execute();
  return new Map(rows.map((row) => [`${row.deployment_key}\u0000${row.logic_id}`, row.inputs]));
}

/**
 * The newest `cap` finished runs of one logic id in one deployment (runs_logic_start_idx), each
 * with its nodes' mean activation duration: exact for a node that ran once, else from the
 * node's duration sketch (within 1%).
 */
export async function loadSamples(db: Kysely<DB>, tenantId: string, workloadName: string, deploymentKey: string, logicId: string, cap: number): Promise<RunSample[]> {
  const { rows: runs } = await sql<{ run_id: string; status: string; duration_ns: string; cost_usd: string; total_tokens: string }>`
    select run_id, status, duration_ns::text, cost_usd::text, total_tokens::text from runs
    where tenant_id = ${tenantId} and workload_logic_id = ${logicId} and workload_name = ${workloadName}
      and coalesce(deployment_id, '') = ${deploymentKey} and status <> 'running'
    order by start_time_unix_nano desc limit ${cap}`.execute(db);
  if (runs.length === 0) return [];
  const { rows: nodes } = await sql<{ run_id: string; node_name: string; activations: number; duration_min_ns: string | null; duration_bins: number[] | null; duration_counts: number[] | null }>`
    select run_id, node_name, activations, duration_min_ns::text, duration_bins, duration_counts from run_nodes
    where tenant_id = ${tenantId} and run_id = any(${runs.map((run) => run.run_id)}::text[])`.execute(db);
  const byRun = new Map<string, Map<string, number>>();
  for (const node of nodes) {
    const minNs = node.duration_min_ns === null ? null : Number(node.duration_min_ns);
    const sketch = sketchFromStored(node.duration_bins, node.duration_counts, minNs, node.activations);
    const meanNs = node.activations === 1 && minNs !== null ? minNs : sketchMean(sketch.bins, sketch.counts);
    if (meanNs === null) continue;
    let durations = byRun.get(node.run_id);
    if (!durations) byRun.set(node.run_id, (durations = new Map()));
    durations.set(node.node_name, meanNs / 1e6);
  }
  const scores = await runScores(db, tenantId, runs.map((run) => run.run_id));
  return runs.map((run) => ({
    scores: scores.numeric.get(run.run_id),
    passes: scores.passes.get(run.run_id),
    failed: run.status === "failed",
    durationMs: Number(run.duration_ns) / 1e6,
    costUsd: Number(run.cost_usd),
    tokens: Number(run.total_tokens),
    nodeDurationsMs: byRun.get(run.run_id) ?? new Map(),
  }));
}

/** Per run, the mean of each numeric score and whether each boolean score mostly passed. */
async function runScores(db: Kysely<DB>, tenantId: string, runIds: string[]): Promise<{ numeric: Map<string, Map<string, number>>; passes: Map<string, Map<string, boolean>> }> {
  const { rows } = await sql<{ run_id: string; name: string; data_type: "numeric" | "boolean"; mean: number | string }>`
    select run_id, name, data_type, avg(value) as mean from scores
    where tenant_id = ${tenantId} and run_id = any(${runIds}::text[]) and data_type <> 'categorical'
    group by run_id, name, data_type`.execute(db);
  const numeric = new Map<string, Map<string, number>>();
  const passes = new Map<string, Map<string, boolean>>();
  for (const row of rows) {
    if (row.data_type === "numeric") {
      const of = numeric.get(row.run_id) ?? new Map<string, number>();
      of.set(row.name, Number(row.mean));
      numeric.set(row.run_id, of);
    } else {
      const of = passes.get(row.run_id) ?? new Map<string, boolean>();
      of.set(row.name, Number(row.mean) >= 0.5);
      passes.set(row.run_id, of);
    }
  }
  return { numeric, passes };
}

function sketchMean(bins: readonly number[], counts: readonly number[]): number | null {
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < bins.length; i++) {
    total += Number(counts[i]);
    weighted += valueOfBin(Number(bins[i])) * Number(counts[i]);
  }
  return total === 0 ? null : weighted / total;
}
