import { decodeStringCursor, encodeCursor } from "@/lib/http/cursor";
import { isNs, parseLimit, singleParam } from "@/lib/http/params";

/** Where the next page of a workflow's executions starts: after this span in start order. */
export interface ExecutionCursor {
  startNs: string;
  traceId: string;
  spanId: string;
}

export const EXECUTION_LIMIT = { fallback: 100, max: 1000 } as const;

export function encodeExecutionCursor(cursor: ExecutionCursor): string {
  return encodeCursor([cursor.startNs, cursor.traceId, cursor.spanId]);
}

function decodeExecutionCursor(raw: string): ExecutionCursor {
  const [startNs, traceId, spanId] = decodeStringCursor(raw, [isNs, (v) => /^[0-9a-f]{32}$/.test(v), (v) => /^[0-9a-f]{16}$/.test(v)]);
  return { startNs: startNs!, traceId: traceId!, spanId: spanId! };
}

/** `limit` (1–1000, default 100) and `cursor` (the previous page's `next_cursor`). */
export function parseExecutionListParams(params: URLSearchParams): { limit: number; cursor: ExecutionCursor | null } {
  const limit = parseLimit(singleParam(params, "limit"), EXECUTION_LIMIT.fallback, EXECUTION_LIMIT.max);
  const raw = singleParam(params, "cursor");
  return { limit, cursor: raw ? decodeExecutionCursor(raw) : null };
}
