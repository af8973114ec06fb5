import { sql, type Kysely, type SqlBool } from "kysely";
import type { DB, JsonObject, JsonValue } from "@/lib/db/types";
import type { LogCursor, LogQuery } from "@/lib/logs/params";
import { minSeverityNumber, severityLevel } from "@/lib/logs/severity";
import type { LogLine } from "@/lib/logs/types";
import { nsToIso } from "@/lib/runs/run-view";

interface LogRow {
  record_key: string;
  time_unix_nano: string;
  observed_time_unix_nano: string | null;
  severity_number: number;
  severity_text: string | null;
  body: string | null;
  body_is_json: boolean;
  event_name: string | null;
  trace_id: string | null;
  span_id: string | null;
  service_name: string | null;
  scope_name: string | null;
  attributes: JsonObject;
  resource_attributes: JsonObject;
}

function bodyOf(row: LogRow): JsonValue {
  if (row.body === null || !row.body_is_json) return row.body;
  try {
    return JSON.parse(row.body) as JsonValue;
  } catch {
    return row.body;
  }
}

function toLine(row: LogRow): LogLine {
  return {
    id: row.record_key,
    timestamp: nsToIso(row.time_unix_nano),
    timeUnixNano: row.time_unix_nano,
    observedTimeUnixNano: row.observed_time_unix_nano,
    severityNumber: row.severity_number,
    severityText: row.severity_text ?? severityLevel(row.severity_number)?.toUpperCase() ?? null,
    body: bodyOf(row),
    eventName: row.event_name,
    traceId: row.trace_id,
    spanId: row.span_id,
    serviceName: row.service_name,
    scopeName: row.scope_name,
    attributes: row.attributes,
    resourceAttributes: row.resource_attributes,
  };
}

/**
 * A run's log records, oldest first: those that name the run (codon.workload.run_id), and those
 * of any trace the run's spans are in, whichever arrived first (a record logged inside a span
 * usually reaches us before the span ends). Served by log_records_run_idx; the run's trace ids
 * come from spans_run_idx, so a run of many traces costs one index probe per trace.
 */
export async function listRunLogs(db: Kysely<DB>, tenantId: string, runId: string, query: LogQuery): Promise<{ logs: LogLine[]; nextCursor: LogCursor | null }> {
  const filters = [
    sql<SqlBool>`(l.run_key = ${runId} or l.run_key in (select s.trace_id from spans s where s.tenant_id = ${tenantId} and s.run_id = ${runId} and s.trace_id <> ${runId}))`,
    ...(query.severity ? [sql<SqlBool>`l.severity_number >= ${minSeverityNumber(query.severity)}`] : []),
    ...(query.text ? [sql<SqlBool>`strpos(lower(l.body), lower(${query.text})) > 0`] : []),
    ...(query.span ? [sql<SqlBool>`l.trace_id = ${query.span.traceId} and l.span_id = ${query.span.spanId}`] : []),
    ...(query.node
      ? [sql<SqlBool>`(l.trace_id, l.span_id) in (select s.trace_id, s.span_id from spans s
          where s.tenant_id = ${tenantId} and s.run_id = ${runId} and (s.node_name = ${query.node} or s.span_id = ${query.node}))`]
      : []),
    ...(query.cursor ? [sql<SqlBool>`(l.time_unix_nano, l.record_key) > (${query.cursor.timeNs}::int8, ${query.cursor.id})`] : []),
  ];
  const { rows } = await sql<LogRow>`
    select l.record_key, l.time_unix_nano, l.observed_time_unix_nano, l.severity_number, l.severity_text, l.body, l.body_is_json,
      l.event_name, l.trace_id, l.span_id, l.service_name, l.scope_name, l.attributes, l.resource_attributes
    from log_records l
    where l.tenant_id = ${tenantId} and ${sql.join(filters, sql` and `)}
    order by l.time_unix_nano, l.record_key
    limit ${query.limit + 1}`.execute(db);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    logs: page.map(toLine),
    nextCursor: rows.length > query.limit && last ? { timeNs: String(last.time_unix_nano), id: last.record_key } : null,
  };
}
