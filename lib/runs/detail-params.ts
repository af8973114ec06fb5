import type { LedgerCursor, SpanCursor } from "@/lib/runs/queries/run-spans";
import { isNs, parseLimit, ParamError, singleParam } from "@/lib/runs/list-params";

// Cursors are opaque to clients: base64url of a small JSON array.
function encode(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

function decode(raw: string, length: number, valid: (values: string[]) => boolean): string[] {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === length && value.every((v) => typeof v === "string" && !v.includes("\u0000")) && valid(value)) return value;
  } catch {
    // Falls through.
  }
  throw new ParamError("cursor", "not a cursor this API returned; start again without it");
}


export function encodeSpanCursor(cursor: SpanCursor): string {
  return encode([cursor.startNs, cursor.traceId, cursor.spanId]);
}

export function encodeLedgerCursor(cursor: LedgerCursor): string {
  return encode([cursor.timeNs, cursor.id]);
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
    ? (([startNs, traceId, spanId]) => ({ startNs: startNs!, traceId: traceId!, spanId: spanId! }))(decode(rawCursor, 3, (v) => isNs(v[0]!)))
    : null;
  const node = singleParam(params, "node");
  return { full: view === "full", limit, cursor, ...(node ? { nodeName: node } : {}) };
}

export const LEDGER_LIMIT = { fallback: 5_000, max: 20_000 } as const;

export function parseLedgerParams(params: URLSearchParams): { limit: number; cursor: LedgerCursor | null } {
  const limit = parseLimit(singleParam(params, "limit"), LEDGER_LIMIT.fallback, LEDGER_LIMIT.max);
  const rawCursor = singleParam(params, "cursor");
  const cursor = rawCursor
    ? (([timeNs, id]) => ({ timeNs: timeNs!, id: id! }))(decode(rawCursor, 2, (v) => isNs(v[0]!) && isNs(v[1]!)))
    : null;
  return { limit, cursor };
}
