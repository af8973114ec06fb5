import { sql, type Transaction } from "kysely";
import type { DB, StaticGraph } from "@/lib/db/types";
import { EMPTY_GRAPH, mergeGraphs, sameGraph } from "@/collector/store/graph-merge";

export interface VersionKey {
  workloadName: string;
  logicId: string;
}

export const versionKeyOf = (key: VersionKey) => `${key.workloadName}\u001f${key.logicId}`;

/**
 * Recomputes run count, first/last seen and the newest version string of each workload
 * version from its runs (served by runs_logic_start_idx). Callers hold the versions' locks.
 */
export async function recomputeVersions(trx: Transaction<DB>, tenantId: string, keys: VersionKey[]): Promise<void> {
  if (keys.length === 0) return;
  const names = keys.map((k) => k.workloadName);
  const logicIds = keys.map((k) => k.logicId);
  await sql`
    insert into workload_versions (tenant_id, workload_name, logic_id, workload_id, version,
      first_seen_unix_nano, last_seen_unix_nano, run_count, updated_at)
    select r.tenant_id, r.workload_name, r.workload_logic_id,
      (array_agg(r.workload_id order by r.start_time_unix_nano desc) filter (where r.workload_id is not null))[1],
      (array_agg(r.workload_version order by r.start_time_unix_nano desc) filter (where r.workload_version is not null))[1],
      min(r.start_time_unix_nano), max(r.end_time_unix_nano), count(*)::int, now()
    from runs r
    join unnest(${names}::text[], ${logicIds}::text[]) as k(workload_name, logic_id)
      on r.workload_name = k.workload_name and r.workload_logic_id = k.logic_id
    where r.tenant_id = ${tenantId}
    group by r.tenant_id, r.workload_name, r.workload_logic_id
    on conflict (tenant_id, workload_name, logic_id) do update set
      workload_id = coalesce(excluded.workload_id, workload_versions.workload_id),
      version = coalesce(excluded.version, workload_versions.version),
      first_seen_unix_nano = least(excluded.first_seen_unix_nano, workload_versions.first_seen_unix_nano),
      last_seen_unix_nano = greatest(excluded.last_seen_unix_nano, workload_versions.last_seen_unix_nano),
      run_count = excluded.run_count,
      updated_at = excluded.updated_at`.execute(trx);
}

/** A run's part in its version after a batch: whether it is new to the version, and its span. */
export interface VersionArrival extends VersionKey {
  newRun: boolean;
  startNs: string;
  endNs: string;
}

/**
 * Adds a batch's runs to their versions without recounting them: run count up by the runs new to
 * the version, first and last seen widened; the version string and workload id are those of the
 * newest run carrying one, read by runs_logic_start_idx (one index probe per version, whatever
 * its number of runs). Callers hold the versions' locks and have written the runs.
 */
export async function addToVersions(trx: Transaction<DB>, tenantId: string, arrivals: readonly VersionArrival[]): Promise<void> {
  const byKey = new Map<string, { workload_name: string; logic_id: string; run_count: number; first_seen_unix_nano: string; last_seen_unix_nano: string }>();
  for (const arrival of arrivals) {
    const key = versionKeyOf(arrival);
    let row = byKey.get(key);
    if (!row) {
      row = { workload_name: arrival.workloadName, logic_id: arrival.logicId, run_count: 0, first_seen_unix_nano: arrival.startNs, last_seen_unix_nano: arrival.endNs };
      byKey.set(key, row);
    }
    if (arrival.newRun) row.run_count += 1;
    if (BigInt(arrival.startNs) < BigInt(row.first_seen_unix_nano)) row.first_seen_unix_nano = arrival.startNs;
    if (BigInt(arrival.endNs) > BigInt(row.last_seen_unix_nano)) row.last_seen_unix_nano = arrival.endNs;
  }
  if (byKey.size === 0) return;
  const rows = [...byKey.values()];
  await sql`
    insert into workload_versions as v (tenant_id, workload_name, logic_id, first_seen_unix_nano, last_seen_unix_nano, run_count, updated_at)
    select ${tenantId}, r.workload_name, r.logic_id, r.first_seen_unix_nano, r.last_seen_unix_nano, r.run_count, now()
    from json_populate_recordset(null::workload_versions, ${JSON.stringify(rows)}::text::json) as r
    on conflict (tenant_id, workload_name, logic_id) do update set
      run_count = v.run_count + excluded.run_count,
      first_seen_unix_nano = least(v.first_seen_unix_nano, excluded.first_seen_unix_nano),
      last_seen_unix_nano = greatest(v.last_seen_unix_nano, excluded.last_seen_unix_nano),
      updated_at = excluded.updated_at`.execute(trx);
  const newest = (column: "workload_version" | "workload_id") => sql`(
    select ${sql.ref(`r.${column}`)} from runs r
    where r.tenant_id = v.tenant_id and r.workload_logic_id = v.logic_id and r.workload_name = v.workload_name and ${sql.ref(`r.${column}`)} is not null
    order by r.start_time_unix_nano desc limit 1)`;
  await sql`
    update workload_versions v set version = coalesce(${newest("workload_version")}, v.version), workload_id = coalesce(${newest("workload_id")}, v.workload_id)
    from unnest(${rows.map((r) => r.workload_name)}::text[], ${rows.map((r) => r.logic_id)}::text[]) as k(workload_name, logic_id)
    where v.tenant_id = ${tenantId} and v.workload_name = k.workload_name and v.logic_id = k.logic_id`.execute(trx);
}

/**
 * Counts runs that moved to another version (an earlier span told a different logic id) out of
 * the version they were counted in. First and last seen stay as they were, as after retention.
 */
export async function removeFromVersions(trx: Transaction<DB>, tenantId: string, departures: readonly VersionKey[]): Promise<void> {
  if (departures.length === 0) return;
  await sql`
    update workload_versions v set run_count = greatest(v.run_count - k.runs, 0), updated_at = now()
    from (select workload_name, logic_id, count(*)::int as runs
          from unnest(${departures.map((k) => k.workloadName)}::text[], ${departures.map((k) => k.logicId)}::text[]) as d(workload_name, logic_id)
          group by 1, 2) as k
    where v.tenant_id = ${tenantId} and v.workload_name = k.workload_name and v.logic_id = k.logic_id`.execute(trx);
}

export interface GraphAddition extends VersionKey {
  graph: StaticGraph;
  workloadId: string | null;
  version: string | null;
  seenUnixNano: bigint;
}

/** Merges definitions and observed edges into each version's static graph (creating the version if new). */
export async function addToGraphs(trx: Transaction<DB>, tenantId: string, additions: GraphAddition[]): Promise<void> {
  for (const addition of additions) {
    const seen = addition.seenUnixNano.toString();
    await trx
      .insertInto("workload_versions")
      .values({
        tenant_id: tenantId,
        workload_name: addition.workloadName,
        logic_id: addition.logicId,
        workload_id: addition.workloadId,
        version: addition.version,
        first_seen_unix_nano: seen,
        last_seen_unix_nano: seen,
      })
      .onConflict((oc) => oc.columns(["tenant_id", "workload_name", "logic_id"]).doNothing())
      .execute();
    const current = await trx
      .selectFrom("workload_versions")
      .select("graph")
      .where("tenant_id", "=", tenantId)
      .where("workload_name", "=", addition.workloadName)
      .where("logic_id", "=", addition.logicId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const base = current.graph ?? EMPTY_GRAPH;
    const merged = mergeGraphs(base, addition.graph);
    if (sameGraph(base, merged)) continue;
    await trx
      .updateTable("workload_versions")
      .set({ graph: merged, updated_at: new Date() })
      .where("tenant_id", "=", tenantId)
      .where("workload_name", "=", addition.workloadName)
      .where("logic_id", "=", addition.logicId)
      .execute();
  }
}
