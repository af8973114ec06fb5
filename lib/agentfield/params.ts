import { isNs, parseLimit, ParamError, singleParam } from "@/lib/runs/list-params";

/** Where the next page of a workflow's executions starts: after this span in start order. */
export interface ExecutionCursor {
  startNs: string;
  traceId: string;
  spanId: string;
}

export const EXECUTION_LIMIT = { fallback: 100, max: 1000 } as const;

// Opaque to clients, like the other lists' cursors: base64url of a small JSON array.
export function encodeExecutionCursor(cursor: ExecutionCursor): string {
  return Buffer.from(JSON.stringify([cursor.startNs, cursor.traceId, cursor.spanId])).toString("base64url");
}

function decodeExecutionCursor(raw: string): ExecutionCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    if (
      Array.isArray(value) &&
      value.length === 3 &&
      typeof value[0] === "string" &&
      isNs(value[0]) &&
      typeof value[1] === "string" &&
      /^[0-9a-f]{32}$/.test(value[1]) &&
      typeof value[2] === "string" &&
      /^[0-9a-f]{16}$/.test(value[2])
    ) {
      return { startNs: value[0], traceId: value[1], spanId: value[2] };
    }
  } catch {
    // Falls through.
  }
  throw new ParamError("cursor", "not a cursor this API returned; start again without it");
}

/** `limit` (1–1000, default 100) and `cursor` (the previous page's `next_cursor`). */
export function parseExecutionListParams(params: URLSearchParams): { limit: number; cursor: ExecutionCursor | null } {
  const limit = parseLimit(singleParam(params, "limit"), EXECUTION_LIMIT.fallback, EXECUTION_LIMIT.max);
  const raw = singleParam(params, "cursor");
  return { limit, cursor: raw ? decodeExecutionCursor(raw) : null };
}
