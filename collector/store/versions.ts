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
