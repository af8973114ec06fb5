import { badCursor, decodeCursor, encodeCursor } from "@/lib/http/cursor";
import { parseLimit, singleParam } from "@/lib/http/params";

// Keyset pagination for lists the server builds in full before answering (aggregates over
// workloads, versions, models, prices: tens to hundreds of rows). The cursor is the sort key of
// the last item returned, so a page starts after it even when rows were added in between.

export type SortKey = readonly (string | number)[];
export type Direction = "asc" | "desc";

export interface SortOrder<T> {
  key(item: T): SortKey;
  /** One per key element. */
  directions: readonly Direction[];
}

export interface PageParams {
  limit: number;
  /** The sort key of the last item of the previous page. */
  after: SortKey | null;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodePageCursor(key: SortKey): string {
  return encodeCursor(key);
}

/** `limit` (1..max, default `fallback`) and `cursor` from the query string; 400 for bad values. */
export function parsePageParams(params: URLSearchParams, limits: { fallback: number; max: number }): PageParams {
  const limit = parseLimit(singleParam(params, "limit"), limits.fallback, limits.max);
  const raw = singleParam(params, "cursor");
  return { limit, after: raw ? decodeCursor(raw, (values) => values) : null };
}

/** Limits of the lists the server builds in full (workloads, versions, models, prices). */
export const LIST_LIMITS = { fallback: 100, max: 500 } as const;

export const FIRST_PAGE_OF_ALL: PageParams = { limit: Number.MAX_SAFE_INTEGER, after: null };

/**
 * The page of `list` (put in `order` first, so the cursor's comparison and the order agree) after
 * the cursor; a cursor of another list's shape is a 400.
 */
export function pageAfter<T>(list: readonly T[], params: PageParams, order: SortOrder<T>): Page<T> {
  const sorted = [...list].sort((a, b) => compareKeys(order.key(a), order.key(b), order.directions));
  let start = 0;
  if (params.after) {
    const after = params.after;
    if (after.length !== order.directions.length) throw badCursor();
    const sample = sorted[0];
    if (sample && order.key(sample).some((value, i) => typeof value !== typeof after[i])) throw badCursor();
    start = sorted.findIndex((item) => compareKeys(order.key(item), after, order.directions) > 0);
    if (start === -1) start = sorted.length;
  }
  const items = sorted.slice(start, start + params.limit);
  const last = items.at(-1);
  const more = start + params.limit < sorted.length;
  return { items, nextCursor: more && last ? encodePageCursor(order.key(last)) : null };
}

/** Negative when `a` comes first in the given order. */
export function compareKeys(a: SortKey, b: SortKey, directions: readonly Direction[]): number {
  for (let i = 0; i < directions.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const cmp = typeof x === "number" && typeof y === "number" ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
    if (cmp !== 0) return directions[i] === "desc" ? -cmp : cmp;
  }
  return 0;
}
