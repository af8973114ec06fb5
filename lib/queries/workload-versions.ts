import type { Kysely } from "kysely";
import type { DB } from "../db/types";
import { nsToIso } from "../runs/run-view";

export interface WorkloadVersionRow {
  logicId: string;
  version: string | null;
  firstSeen: string;
  lastSeen: string;
  runCount: number;
  nodeCount: number;
}

/** Every logic id seen for a workload, newest first (workload_versions_recent_idx). */
export async function listWorkloadVersions(db: Kysely<DB>, tenantId: string, workloadName: string): Promise<WorkloadVersionRow[]> {
  const rows = await db
    .selectFrom("workload_versions")
    .select(["logic_id", "version", "first_seen_unix_nano", "last_seen_unix_nano", "run_count", "graph"])
    .where("tenant_id", "=", tenantId)
    .where("workload_name", "=", workloadName)
    .orderBy("last_seen_unix_nano", "desc")
    .execute();
  return rows.map((row) => ({
    logicId: row.logic_id,
    version: row.version,
    firstSeen: nsToIso(row.first_seen_unix_nano),
    lastSeen: nsToIso(row.last_seen_unix_nano),
    runCount: row.run_count,
    nodeCount: row.graph.nodes.length,
  }));
}
