import type { Kysely } from "kysely";
import type { DB } from "../db/types";

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
