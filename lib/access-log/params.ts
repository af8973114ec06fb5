import { decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { oneOfParam, ParamError, parseLimit, parseWindow, singleParam } from "@/lib/http/params";
import { ACCESS_ACTIONS, ACCESS_OUTCOMES, type AccessAction, type AccessOutcome } from "@/lib/access-log/entry";

export interface AccessLogFilter {
  action?: AccessAction;
  outcome?: AccessOutcome;
  /** A key id, a key prefix (`cok_ab12cd`), or `anonymous`. */
  actor?: string;
  /** Entries at or after / before these instants. */
  from?: Date;
  to?: Date;
}

export interface AccessLogQuery extends AccessLogFilter {
  limit: number;
  /** Entries before this one (its `seq`). */
  beforeSeq: number | null;
}

export const ACCESS_LOG_LIMITS = { fallback: 50, max: 200 } as const;
/** An export holds at most this many entries; `truncated` tells the caller when more matched. */
export const ACCESS_LOG_EXPORT_MAX = 10_000;
export const EXPORT_FORMATS = ["json", "csv", "jsonl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const ACTOR = /^(\d{1,18}|cok_[A-Za-z0-9_-]{1,60}|anonymous|cli|setup-token)$/;

const nsToDate = (ns: bigint): Date => new Date(Number(ns / 1_000_000n));

export const encodeAccessLogCursor = (seq: number): string => encodeCursor([seq]);

/** `action`, `outcome`, `actor`, `from`, `to`, `limit`, `cursor`, `format`: 400 naming a bad one. */
export function parseAccessLogParams(params: URLSearchParams, nowMs = Date.now()): AccessLogQuery & { format: ExportFormat } {
  const action = oneOfParam(params, "action", ACCESS_ACTIONS);
  const outcome = oneOfParam(params, "outcome", ACCESS_OUTCOMES);
  const actor = singleParam(params, "actor");
  if (actor !== undefined && !ACTOR.test(actor)) throw new ParamError("actor", "use a key id, a key prefix (cok_...), anonymous, cli or setup-token");
  const window = parseWindow(params, nowMs);
  const format = oneOfParam(params, "format", EXPORT_FORMATS, "json");
  const cursor = singleParam(params, "cursor");
  return {
    ...(action ? { action } : {}),
    ...(outcome ? { outcome } : {}),
    ...(actor ? { actor } : {}),
    ...(window.fromNs !== undefined ? { from: nsToDate(window.fromNs) } : {}),
    ...(window.toNs !== undefined ? { to: nsToDate(window.toNs) } : {}),
    limit: parseLimit(singleParam(params, "limit"), ACCESS_LOG_LIMITS.fallback, ACCESS_LOG_LIMITS.max),
    beforeSeq: cursor ? decodeCursor(cursor, (values) => (values.length === 1 && Number.isSafeInteger(values[0]) && Number(values[0]) > 0 ? Number(values[0]) : undefined)) : null,
    format,
  };
}
