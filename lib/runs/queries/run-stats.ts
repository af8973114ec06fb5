import "server-only";
import { sql, type RawBuilder } from "kysely";
import type { TimeWindow } from "@/lib/http/params";
import type { RunStats } from "@/lib/workloads/types";

export type { RunStats };

/**
 * Aggregates over the `runs` rows aliased `r`, computed in the database: durations, error rate,
 * tokens and cost are over finished runs (a running run's figures are still growing).
 */
export const RUN_STATS_COLUMNS = sql`
  count(*)::int8 as run_count,
  count(*) filter (where r.status <> 'running')::int8 as finished_count,
  count(*) filter (where r.status = 'failed')::int8 as failed_count,
  percentile_cont(0.5) within group (order by r.duration_ns) filter (where r.status <> 'running') as p50_ns,
  percentile_cont(0.95) within group (order by r.duration_ns) filter (where r.status <> 'running') as p95_ns,
  avg(r.cost_usd) filter (where r.status <> 'running') as avg_cost,
  avg(r.input_tokens) filter (where r.status <> 'running') as avg_input,
  avg(r.output_tokens) filter (where r.status <> 'running') as avg_output`;

export interface RunStatsRow {
  run_count: string;
  finished_count: string;
  failed_count: string;
  p50_ns: number | string | null;
  p95_ns: number | string | null;
  avg_cost: string | null;
  avg_input: string | null;
  avg_output: string | null;
}

const nsToMsOrNull = (ns: number | string | null) => (ns === null ? null : Number(ns) / 1e6);
const numberOrNull = (value: string | null) => (value === null ? null : Number(value));

export function toRunStats(row: RunStatsRow): RunStats {
  const finished = Number(row.finished_count);
  const failed = Number(row.failed_count);
  return {
    runCount: Number(row.run_count),
    finishedRunCount: finished,
    failedRunCount: failed,
    errorRate: finished === 0 ? null : failed / finished,
    p50Ms: nsToMsOrNull(row.p50_ns),
    p95Ms: nsToMsOrNull(row.p95_ns),
    avgCostUsd: numberOrNull(row.avg_cost),
    avgInputTokens: numberOrNull(row.avg_input),
    avgOutputTokens: numberOrNull(row.avg_output),
  };
}

/** `and <column> >= from and <column> < to` for a window (the runs' start by default); empty when open at both ends. */
export function windowCondition(window: TimeWindow, column: RawBuilder<unknown> = sql`r.start_time_unix_nano`): RawBuilder<unknown> {
  const from = window.fromNs === undefined ? sql`` : sql` and ${column} >= ${window.fromNs.toString()}::int8`;
  const to = window.toNs === undefined ? sql`` : sql` and ${column} < ${window.toNs.toString()}::int8`;
  return sql`${from}${to}`;
}

export function windowStartIso(window: TimeWindow): string | null {
  return window.fromNs === undefined ? null : new Date(Number(window.fromNs / 1_000_000n)).toISOString();
}
