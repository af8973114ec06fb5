import type { LedgerCursor, SpanCursor } from "@/lib/runs/queries/run-spans";
import { decodeStringCursor, encodeCursor } from "@/lib/http/cursor";
import { isNs, parseLimit, ParamError, singleParam } from "@/lib/http/params";

const anyText = () => true;

export function encodeSpanCursor(cursor: SpanCursor): string {
  return encodeCursor([cursor.startNs, cursor.traceId, cursor.spanId]);
}

export function encodeLedgerCursor(cursor: LedgerCursor): string {
  return encodeCursor([cursor.timeNs, cursor.id]);
}

export const SPAN_LIMITS = { summary: { fallback: 10_000, max: 20_000 }, full: { fallback: 200, max: 1_000 } } as const;

export interface SpanListParams {
  full: boolean;
  limit: number;
  cursor: SpanCursor | null;
  nodeName?: string;
}

/** `view=summary|full` (summary: what the timeline needs), `limit`, `cursor`, `node` (one node's spans). */
export function parseSpanListParams(params: URLSearchParams): SpanListParams {
  const view = singleParam(params, "view") ?? "full";
  if (view !== "summary" && view !== "full") throw new ParamError("view", "must be summary or full");
  const limits = SPAN_LIMITS[view];
  const limit = parseLimit(singleParam(params, "limit"), limits.fallback, limits.max);
  const rawCursor = singleParam(params, "cursor");
  const cursor = rawCursor
    ? (([startNs, traceId, spanId]) => ({ startNs: startNs!, traceId: traceId!, spanId: spanId! }))(decodeStringCursor(rawCursor, [isNs, anyText, anyText]))
    : null;
  const node = singleParam(params, "node");
  return { full: view === "full", limit, cursor, ...(node ? { nodeName: node } : {}) };
}

export const LEDGER_LIMIT = { fallback: 5_000, max: 20_000 } as const;

export function parseLedgerParams(params: URLSearchParams): { limit: number; cursor: LedgerCursor | null } {
  const limit = parseLimit(singleParam(params, "limit"), LEDGER_LIMIT.fallback, LEDGER_LIMIT.max);
  const rawCursor = singleParam(params, "cursor");
  const cursor = rawCursor
    ? (([timeNs, id]) => ({ timeNs: timeNs!, id: id! }))(decodeStringCursor(rawCursor, [isNs, isNs]))
    : null;
  return { limit, cursor };
}
