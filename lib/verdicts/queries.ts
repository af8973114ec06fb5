import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { VerdictSummary, VersionVerdict } from "@/lib/verdicts/types";

const SUMMARY_COLUMNS = ["logic_id", "deployment_key", "baseline_logic_id", "status", "headline", "run_count", "baseline_run_count", "computed_at"] as const;

interface SummaryRow {
  deployment_key: string;
  baseline_logic_id: string | null;
  status: VerdictSummary["status"];
  headline: string;
  run_count: number;
  baseline_run_count: number;
  computed_at: Date | string;
}

const summaryOf = (row: SummaryRow): VerdictSummary => ({
  deployment: row.deployment_key === "" ? null : row.deployment_key,
  baselineLogicId: row.baseline_logic_id,
  status: row.status,
  headline: row.headline,
  runCount: row.run_count,
  baselineRunCount: row.baseline_run_count,
  computedAt: new Date(row.computed_at).toISOString(),
});

/** The stored verdicts of a workload (of some logic ids only, if given) without evidence, by logic id, busiest deployment first. */
export async function workloadVerdicts(db: Kysely<DB>, tenantId: string, workloadName: string, logicIds?: readonly string[]): Promise<Map<string, VerdictSummary[]>> {
  let query = db.selectFrom("version_verdicts").select(SUMMARY_COLUMNS).where("tenant_id", "=", tenantId).where("workload_name", "=", workloadName);
  if (logicIds?.length === 0) return new Map();
  if (logicIds) query = query.where("logic_id", "in", [...logicIds]);
  const rows = await query
    .orderBy("run_count", "desc")
    .orderBy("deployment_key")
    .execute();
  const byLogicId = new Map<string, VerdictSummary[]>();
  for (const row of rows) byLogicId.set(row.logic_id, [...(byLogicId.get(row.logic_id) ?? []), summaryOf(row)]);
  return byLogicId;
}

/** One version's verdicts with their evidence, one per deployment it ran in, busiest first. */
export async function versionVerdicts(db: Kysely<DB>, tenantId: string, workloadName: string, logicId: string): Promise<VersionVerdict[]> {
  const rows = await db
    .selectFrom("version_verdicts")
    .select([...SUMMARY_COLUMNS, "evidence"])
    .where("tenant_id", "=", tenantId)
    .where("workload_name", "=", workloadName)
    .where("logic_id", "=", logicId)
    .orderBy("run_count", "desc")
    .orderBy("deployment_key")
    .execute();
  return rows.map((row) => ({
    workloadName,
    logicId,
    ...summaryOf(row),
    comparisons: row.evidence.comparisons,
    settings: row.evidence.settings,
  }));
}
