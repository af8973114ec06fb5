import { sql } from "kysely";
import type { Span } from "@/lib/db/types";

/**
 * One stored span as the roll-ups need it: what the span insert returns for the rows it added,
 * and what a whole-run fold reads back. int8 and numeric columns arrive as decimal strings.
 */
export type FoldSpan = Pick<
  Span,
  | "run_id" | "trace_id" | "name" | "node_name" | "nodespec_id" | "node_role" | "status_code" | "status_message"
  | "start_time_unix_nano" | "end_time_unix_nano" | "duration_ns" | "counts_usage" | "input_tokens" | "output_tokens"
  | "total_tokens" | "cost_usd" | "model_vendor" | "model_name" | "service_name" | "workload_id" | "workload_name"
  | "workload_version" | "workload_logic_id" | "deployment_id" | "attempt"
> & {
  /** No parent and the run is keyed by this trace: the root of a trace-keyed run. */
  is_trace_root: boolean;
};

/** One stored audit event as the roll-ups need it. */
export interface FoldEvent {
  run_id: string;
  time_unix_nano: string;
  event_type: string;
  source_node: string | null;
  target_node: string | null;
  /** The failure text the event's metadata carries, if any. */
  error: string | null;
}

const FOLD_SPAN_NAMES = [
  "run_id", "trace_id", "is_trace_root", "name", "node_name", "nodespec_id", "node_role", "status_code", "status_message",
  "start_time_unix_nano", "end_time_unix_nano", "duration_ns", "counts_usage", "input_tokens", "output_tokens", "total_tokens",
  "cost_usd", "model_vendor", "model_name", "service_name", "workload_id", "workload_name", "workload_version",
  "workload_logic_id", "deployment_id", "attempt",
] as const satisfies readonly (keyof FoldSpan)[];
const INT8_OR_NUMERIC = new Set<string>(["start_time_unix_nano", "end_time_unix_nano", "duration_ns", "input_tokens", "output_tokens", "total_tokens", "cost_usd"]);

/** The span columns of FoldSpan, for a `returning` or a `select` over spans. */
export const FOLD_SPAN_COLUMNS = sql.raw(
  FOLD_SPAN_NAMES.map((name) => (name === "is_trace_root" ? "(parent_span_id is null and run_id = trace_id) as is_trace_root" : name)).join(", "),
);

/**
 * FOLD_SPAN_COLUMNS for a JSON text of the rows: int8 and numeric as text, the shapes the drivers
 * give them (JSON numbers would round nanosecond times and decimal costs).
 */
export const FOLD_SPAN_JSON_COLUMNS = sql.raw(
  FOLD_SPAN_NAMES.map((name) =>
    name === "is_trace_root" ? "(parent_span_id is null and run_id = trace_id) as is_trace_root" : INT8_OR_NUMERIC.has(name) ? `${name}::text as ${name}` : name,
  ).join(", "),
);

/** The failure text of an audit event's metadata (FoldEvent.error). */
export const FOLD_EVENT_ERROR = sql<string | null>`coalesce(metadata->>'error', metadata->>'error_message')`;

/** The audit event columns of FoldEvent. */
export const FOLD_EVENT_COLUMNS = sql.join([sql.raw("run_id, time_unix_nano, event_type, source_node, target_node"), sql`${FOLD_EVENT_ERROR} as error`]);
