import { sql, type SqlBool } from "kysely";
import type { JsonObject, JsonValue } from "@/lib/db/types";
import type { LogCursor, LogQuery } from "@/lib/logs/params";
import { minSeverityNumber, severityLevel } from "@/lib/logs/severity";
import type { LogLine } from "@/lib/logs/types";
import { nsToIso } from "@/lib/runs/run-view";

// What every log list selects and how a row becomes a line of the API.

export const LOG_COLUMNS = sql.raw(`l.record_key, l.time_unix_nano, l.observed_time_unix_nano, l.severity_number, l.severity_text, l.body,
  l.body_is_json, l.event_name, l.trace_id, l.span_id, l.service_name, l.scope_name, l.attributes, l.resource_attributes`);

/** The level and text filters every log list takes (on log_records as `l`). */
export function logFilters(query: Pick<LogQuery, "severity" | "text">) {
  return [
    ...(query.severity ? [sql<SqlBool>`l.severity_number >= ${minSeverityNumber(query.severity)}`] : []),
    ...(query.text ? [sql<SqlBool>`strpos(lower(l.body), lower(${query.text})) > 0`] : []),
  ];
}

export interface LogRow {
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

export function toLine(row: LogRow): LogLine {
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


/** One page of lines out of `limit + 1` rows read, and the cursor after it when there is more. */
export function logPage(rows: LogRow[], limit: number): { logs: LogLine[]; nextCursor: LogCursor | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    logs: page.map(toLine),
    nextCursor: rows.length > limit && last ? { timeNs: String(last.time_unix_nano), id: last.record_key } : null,
  };
}
