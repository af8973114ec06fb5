import { decodeStringCursor, encodeCursor } from "@/lib/http/cursor";
import { isNs, parseLimit, parseWindow, ParamError, singleParam, type TimeWindow } from "@/lib/http/params";
import { isSeverityLevel, SEVERITY_LEVELS, type SeverityLevel } from "@/lib/logs/severity";

export interface LogCursor {
  timeNs: string;
  id: string;
}

export interface LogQuery {
  limit: number;
  cursor: LogCursor | null;
  /** At least this level (records without a severity are left out once a level is asked for). */
  severity: SeverityLevel | null;
  /** Case-insensitive substring of the body. */
  text: string | null;
  /** Only the records of one span. */
  span: { traceId: string; spanId: string } | null;
  /** Only the records logged in this node's spans (a node name, or a span id for generic traces). */
  node?: string | null;
}

export const LOG_LIMIT = { fallback: 500, max: 5_000 } as const;

const HEX_ID = (length: number) => new RegExp(`^[0-9a-f]{${length}}$`);
const isRecordKey = (value: string) => HEX_ID(32).test(value);

export function encodeLogCursor(cursor: LogCursor): string {
  return encodeCursor([cursor.timeNs, cursor.id]);
}

/** What every log list reads: `limit`, `cursor`, `severity`, `q`. */
function parseListParams(params: URLSearchParams): Pick<LogQuery, "limit" | "cursor" | "severity" | "text"> {
  const limit = parseLimit(singleParam(params, "limit"), LOG_LIMIT.fallback, LOG_LIMIT.max);
  const rawCursor = singleParam(params, "cursor");
  const cursor = rawCursor ? (([timeNs, id]) => ({ timeNs: timeNs!, id: id! }))(decodeStringCursor(rawCursor, [isNs, isRecordKey])) : null;
  const rawSeverity = singleParam(params, "severity")?.toLowerCase();
  if (rawSeverity !== undefined && !isSeverityLevel(rawSeverity)) throw new ParamError("severity", `must be one of ${SEVERITY_LEVELS.join(", ")}`);
  return { limit, cursor, severity: rawSeverity ?? null, text: singleParam(params, "q") ?? null };
}

/** `limit`, `cursor`, `severity` (trace|debug|info|warn|error|fatal: that level and above), `q` (text in the body), `traceId` + `spanId` (one span's records), `node` (one node's spans' records). */
export function parseLogQuery(params: URLSearchParams): LogQuery {
  const traceId = singleParam(params, "traceId")?.toLowerCase();
  const spanId = singleParam(params, "spanId")?.toLowerCase();
  if ((traceId === undefined) !== (spanId === undefined)) throw new ParamError(traceId === undefined ? "traceId" : "spanId", "give traceId and spanId together");
  if (traceId !== undefined && !HEX_ID(32).test(traceId)) throw new ParamError("traceId", "must be 32 hex digits");
  if (spanId !== undefined && !HEX_ID(16).test(spanId)) throw new ParamError("spanId", "must be 16 hex digits");
  return {
    ...parseListParams(params),
    span: traceId !== undefined && spanId !== undefined ? { traceId, spanId } : null,
    node: singleParam(params, "node") ?? null,
  };
}

export interface ServiceLogQuery extends Pick<LogQuery, "limit" | "cursor" | "severity" | "text">, TimeWindow {
  /** service.name of the records' resource; every service when null. */
  service: string | null;
  /** Only records that belong to no run (neither a run id nor a trace id). */
  withoutRun: boolean;
}

/** The tenant's log records, newest first: `service`, `from` / `to`, `withoutRun=true`, and the list parameters. */
export function parseServiceLogQuery(params: URLSearchParams, nowMs = Date.now()): ServiceLogQuery {
  const withoutRun = singleParam(params, "withoutRun");
  if (withoutRun !== undefined && withoutRun !== "true" && withoutRun !== "false") throw new ParamError("withoutRun", "must be true or false");
  return { ...parseListParams(params), ...parseWindow(params, nowMs), service: singleParam(params, "service") ?? null, withoutRun: withoutRun === "true" };
}
