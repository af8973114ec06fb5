import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { RunScoreBrief, ScoreDataType } from "@/lib/scores/types";

/** Score names a runs list row carries (the first by name); the run page shows them all. */
export const MAX_BRIEF_NAMES = 8;

interface BriefRow {
  run_id: string;
  name: string;
  data_type: ScoreDataType;
  n: number;
  mean: number | string | null;
  label: string | null;
}

/**
 * The scores of a page of runs, per run and name, in one query over the scores index
 * (tenant, run, name): how many, the mean (a boolean's pass rate) and a categorical score's most
 * common label. A name given in several types is summed up by the type most of its scores have.
 */
export async function runScoreBriefs(db: Kysely<DB>, tenantId: string, runIds: readonly string[]): Promise<Map<string, RunScoreBrief[]>> {
  const briefs = new Map<string, RunScoreBrief[]>();
  if (runIds.length === 0) return briefs;
  // Ties go to the first in sort order (mode() does so), so both backends pick the same type and label.
  const { rows } = await sql<BriefRow>`
    select run_id, name, data_type, n, mean, label from (
      select run_id, name, data_type, n::int as n,
        case data_type when 'numeric' then numeric_mean when 'boolean' then boolean_mean end as mean,
        case data_type when 'categorical' then top_label end as label,
        row_number() over (partition by run_id order by name collate "C") as rank
      from (
        select run_id, name, count(*) as n,
          mode() within group (order by data_type) as data_type,
          avg(value) filter (where data_type = 'numeric') as numeric_mean,
          avg(value) filter (where data_type = 'boolean') as boolean_mean,
          mode() within group (order by label collate "C") filter (where data_type = 'categorical') as top_label
        from scores
        where tenant_id = ${tenantId} and run_id = any(${[...runIds]}::text[])
        group by run_id, name
      ) per_name
    ) ranked
    where rank <= ${MAX_BRIEF_NAMES}
    order by run_id, rank`.execute(db);
  for (const row of rows) {
    const list = briefs.get(row.run_id) ?? [];
    list.push({ name: row.name, dataType: row.data_type, count: row.n, mean: row.mean === null ? null : Number(row.mean), label: row.label });
    briefs.set(row.run_id, list);
  }
  return briefs;
}
