import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { nsToIso } from "@/lib/runs/run-view";
import type { TimeWindow } from "@/lib/http/params";
import type { WorkloadList } from "@/lib/workloads/types";
import { RUN_STATS_COLUMNS, toRunStats, windowCondition, windowStartIso, type RunStatsRow } from "@/lib/runs/queries/run-stats";

interface WorkloadRow extends RunStatsRow {
  workload_name: string;
  version_count: string;
  latest_logic_id: string;
  latest_version: string | null;
  first_seen: string;
  last_seen: string;
}

/** Every workload with its versions and the figures of the runs that started in the window; most recently seen first. */
export async function listWorkloadStats(db: Kysely<DB>, tenantId: string, window: TimeWindow): Promise<WorkloadList> {
  const { rows } = await sql<WorkloadRow>`
    with v as (
      select workload_name, count(*) as version_count,
        (array_agg(logic_id order by last_seen_unix_nano desc, logic_id))[1] as latest_logic_id,
        (array_agg(version order by last_seen_unix_nano desc, logic_id))[1] as latest_version,
        min(first_seen_unix_nano) as first_seen, max(last_seen_unix_nano) as last_seen
      from workload_versions
      where tenant_id = ${tenantId}
      group by workload_name
    ),
    s as (
      select r.workload_name, ${RUN_STATS_COLUMNS}
      from runs r
      where r.tenant_id = ${tenantId} and r.workload_name is not null and r.workload_logic_id is not null${windowCondition(window)}
      group by r.workload_name
    )
    select v.workload_name, v.version_count, v.latest_logic_id, v.latest_version, v.first_seen, v.last_seen,
      coalesce(s.run_count, 0) as run_count, coalesce(s.finished_count, 0) as finished_count,
      coalesce(s.failed_count, 0) as failed_count, s.p50_ns, s.p95_ns, s.avg_cost, s.avg_input, s.avg_output
    from v left join s on s.workload_name = v.workload_name
    order by v.last_seen desc, v.workload_name`.execute(db);
  return {
    windowStart: windowStartIso(window),
    workloads: rows.map((row) => {
      const stats = toRunStats(row);
      return {
        name: row.workload_name,
        versionCount: Number(row.version_count),
        latestLogicId: row.latest_logic_id,
        latestVersion: row.latest_version,
        firstSeen: nsToIso(row.first_seen),
        lastSeen: nsToIso(row.last_seen),
        runCount: stats.runCount,
        finishedRunCount: stats.finishedRunCount,
        errorRate: stats.errorRate,
        p95Ms: stats.p95Ms,
        avgCostUsd: stats.avgCostUsd,
      };
    }),
  };
}
