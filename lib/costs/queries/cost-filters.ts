import "server-only";
import { sql, type RawBuilder } from "kysely";
import type { CostFilters } from "@/lib/costs/types";
import { windowCondition } from "@/lib/runs/queries/run-stats";

interface FilterColumns {
  start: string;
  workload: string;
  logicId: string;
  deployment: string;
}

export const RUN_COLUMNS: FilterColumns = { start: "start_time_unix_nano", workload: "workload_name", logicId: "workload_logic_id", deployment: "deployment_id" };
export const MODEL_COLUMNS: FilterColumns = { start: "run_start_unix_nano", workload: "workload_name", logicId: "logic_id", deployment: "deployment_id" };

/** The filters as conditions on a table aliased `t` whose columns are named by `columns`. */
export function filterConditions(filters: CostFilters, columns: FilterColumns): RawBuilder<unknown> {
  const column = (name: string) => sql.ref(`t.${name}`);
  const parts: RawBuilder<unknown>[] = [windowCondition(filters.window, sql`${column(columns.start)}`)];
  if (filters.workload !== undefined) parts.push(sql` and ${column(columns.workload)} = ${filters.workload}`);
  if (filters.logicId !== undefined) parts.push(sql` and starts_with(${column(columns.logicId)}, ${filters.logicId})`);
  if (filters.deployment !== undefined) parts.push(sql` and ${column(columns.deployment)} = ${filters.deployment}`);
  return sql.join(parts, sql``);
}
