import type { Run } from "@/lib/db/types";
import type { RunView } from "@/lib/runs/types";

/** Nanoseconds since the epoch (decimal string) → ISO 8601 with millisecond precision. */
export function nsToIso(ns: string): string {
  return new Date(Number(BigInt(ns) / 1_000_000n)).toISOString();
}

/** Nanoseconds → milliseconds, keeping microseconds (exact for any realistic duration). */
export function nsToMs(ns: string | bigint): number {
  return Number(BigInt(ns) / 1000n) / 1000;
}

/** int8 / numeric decimal strings from the database → numbers (null stays null). */
export function toNumber(value: string | number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return Number(value);
}

export const RUN_COLUMNS = [
  "run_id",
  "trace_id",
  "service_name",
  "workload_name",
  "workload_version",
  "workload_logic_id",
  "deployment_id",
  "status",
  "start_time_unix_nano",
  "end_time_unix_nano",
  "duration_ns",
  "span_count",
  "node_count",
  "error_count",
  "input_tokens",
  "output_tokens",
  "total_tokens",
  "cost_usd",
  "error_message",
  "retried",
] as const;

export type RunRow = Pick<Run, (typeof RUN_COLUMNS)[number]>;

export function toRunView(row: RunRow): RunView {
  return {
    runId: row.run_id,
    traceId: row.trace_id,
    serviceName: row.service_name,
    workloadName: row.workload_name,
    workloadVersion: row.workload_version,
    logicId: row.workload_logic_id,
    deploymentId: row.deployment_id,
    status: row.status,
    startTime: nsToIso(row.start_time_unix_nano),
    endTime: nsToIso(row.end_time_unix_nano),
    startTimeUnixNano: row.start_time_unix_nano,
    endTimeUnixNano: row.end_time_unix_nano,
    durationMs: nsToMs(row.duration_ns),
    spanCount: row.span_count,
    nodeCount: row.node_count,
    errorCount: row.error_count,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    totalTokens: Number(row.total_tokens),
    costUsd: Number(row.cost_usd),
    errorMessage: row.error_message,
    retried: row.retried,
  };
}
