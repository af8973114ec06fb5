import type { Kysely } from "kysely";
import type { DB, Run } from "../db/types";

export type RunSummary = Pick<
  Run,
  | "run_id"
  | "workload_name"
  | "workload_version"
  | "deployment_id"
  | "status"
  | "start_time_unix_nano"
  | "duration_ns"
  | "node_count"
  | "total_tokens"
>;

/** The newest runs of a tenant (served by runs_start_idx). */
export function listRecentRuns(db: Kysely<DB>, tenantId: string, limit: number): Promise<RunSummary[]> {
  return db
    .selectFrom("runs")
    .select([
      "run_id",
      "workload_name",
      "workload_version",
      "deployment_id",
      "status",
      "start_time_unix_nano",
      "duration_ns",
      "node_count",
      "total_tokens",
    ])
    .where("tenant_id", "=", tenantId)
    .orderBy("start_time_unix_nano", "desc")
    .orderBy("run_id", "desc")
    .limit(limit)
    .execute();
}

export interface WorkloadSummary {
  workload_name: string;
  versions: number;
  runs: number;
  last_seen_unix_nano: string;
}

/** One row per workload with its number of logic ids and runs. */
export async function listWorkloads(db: Kysely<DB>, tenantId: string): Promise<WorkloadSummary[]> {
  const rows = await db
    .selectFrom("workload_versions")
    .select((eb) => [
      "workload_name",
      eb.fn.countAll<string>().as("versions"),
      eb.fn.sum<string>("run_count").as("runs"),
      eb.fn.max("last_seen_unix_nano").as("last_seen_unix_nano"),
    ])
    .where("tenant_id", "=", tenantId)
    .groupBy("workload_name")
    .orderBy("workload_name")
    .execute();
  return rows.map((row) => ({
    workload_name: row.workload_name,
    versions: Number(row.versions),
    runs: Number(row.runs ?? 0),
    last_seen_unix_nano: row.last_seen_unix_nano,
  }));
}
