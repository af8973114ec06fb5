import { sql, type RawBuilder } from "kysely";

/** A span's place in a run read in (start, trace id, span id) order. */
export interface SpanKey {
  startNs: string;
  traceId: string;
  spanId: string;
}

/**
 * The run's spans after `at` in (start, trace id, span id) order, for keyset pages of a select from
 * spans: the first condition is the one the index (tenant, run, start) can seek on, the second orders ties.
 */
export function spansAfter(at: SpanKey): RawBuilder<boolean> {
  return sql<boolean>`(spans.start_time_unix_nano >= ${at.startNs}::int8 and (spans.start_time_unix_nano, spans.trace_id, spans.span_id) > (${at.startNs}::int8, ${at.traceId}, ${at.spanId}))`;
}
