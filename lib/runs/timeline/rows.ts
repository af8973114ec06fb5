// The run timeline's rows (waterfall): spans nested under their parents in start order, and the
// rows left visible when some are collapsed. Times stay bigint nanoseconds so ordering is exact.
import type { SpanSummary } from "@/lib/runs/types";
import type { TimelineWindow } from "@/lib/runs/timeline/zoom";

export interface TimelineRow {
  span: SpanSummary;
  /** `spanKey(span)`, precomputed for React keys and collapse lookups. */
  key: string;
  depth: number;
  hasChildren: boolean;
  /** Rows nested below this one, excluding itself. */
  descendantCount: number;
}

/** Unique within a run: span ids are only unique within their trace. */
export function spanKey(span: Pick<SpanSummary, "traceId" | "spanId">): string {
  return `${span.traceId}:${span.spanId}`;
}

const DIGITS = /^\d+$/;

/** A nanosecond string as bigint; malformed input reads as 0 rather than throwing mid-render. */
export function parseNs(value: string): bigint {
  return DIGITS.test(value) ? BigInt(value) : 0n;
}

/** Compares span indices by exact start, then spanId. */
function startOrder(spans: readonly SpanSummary[]): (a: number, b: number) => number {
  const starts = spans.map((span) => parseNs(span.startTimeUnixNano));
  let min = starts[0] ?? 0n;
  let max = min;
  for (const ns of starts) {
    if (ns < min) min = ns;
    if (ns > max) max = ns;
  }
  const byId = (a: number, b: number) => {
    const ia = spans[a]!.spanId;
    const ib = spans[b]!.spanId;
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  };
  // Offsets from the earliest start are exact doubles below 2^53 ns (~104 days) and sort faster.
  if (max - min < 2n ** 53n) {
    const offsets = Float64Array.from(starts, (ns) => Number(ns - min));
    return (a, b) => offsets[a]! - offsets[b]! || byId(a, b);
  }
  return (a, b) => (starts[a]! < starts[b]! ? -1 : starts[a]! > starts[b]! ? 1 : byId(a, b));
}

/**
 * Spans nested depth-first, siblings by start time (tie: spanId). A span whose parent is absent
 * (or in another trace) is a root. Spans caught in a parent cycle are entered at their earliest
 * member, so every span appears exactly once. Duplicate (traceId, spanId) entries keep the first.
 */
export function buildTimelineRows(spans: readonly SpanSummary[]): TimelineRow[] {
  const n = spans.length;
  const keys: string[] = new Array<string>(n);
  const byKey = new Map<string, number>();
  const order: number[] = [];
  for (let i = 0; i < n; i++) {
    const key = spanKey(spans[i]!);
    keys[i] = key;
    if (byKey.has(key)) continue;
    byKey.set(key, i);
    order.push(i);
  }
  order.sort(startOrder(spans));

  // Child lists as linked lists filled in start order, so siblings come out sorted.
  const parent = new Int32Array(n).fill(-1);
  const firstChild = new Int32Array(n).fill(-1);
  const lastChild = new Int32Array(n).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  for (const i of order) {
    const span = spans[i]!;
    const p = span.parentSpanId ? byKey.get(`${span.traceId}:${span.parentSpanId}`) : undefined;
    if (p === undefined || p === i) continue;
    parent[i] = p;
    if (lastChild[p]! < 0) firstChild[p] = i;
    else nextSibling[lastChild[p]!] = i;
    lastChild[p] = i;
  }

  const rows: TimelineRow[] = [];
  const visited = new Uint8Array(n);
  // Iterative DFS (a 10k-deep chain must not overflow the call stack): per level, the span, its
  // row and the next child to try.
  const stackRow = new Int32Array(n);
  const stackNext = new Int32Array(n);
  const walkFrom = (root: number) => {
    let top = 0;
    visited[root] = 1;
    rows.push({ span: spans[root]!, key: keys[root]!, depth: 0, hasChildren: false, descendantCount: 0 });
    stackRow[0] = rows.length - 1;
    stackNext[0] = firstChild[root]!;
    while (top >= 0) {
      let child = stackNext[top]!;
      while (child >= 0 && visited[child]) child = nextSibling[child]!;
      if (child >= 0) {
        stackNext[top] = nextSibling[child]!;
        visited[child] = 1;
        rows.push({ span: spans[child]!, key: keys[child]!, depth: top + 1, hasChildren: false, descendantCount: 0 });
        top++;
        stackRow[top] = rows.length - 1;
        stackNext[top] = firstChild[child]!;
        continue;
      }
      const row = rows[stackRow[top]!]!;
      row.descendantCount = rows.length - stackRow[top]! - 1;
      row.hasChildren = row.descendantCount > 0;
      top--;
    }
  };

  for (const i of order) if (parent[i]! < 0) walkFrom(i);
  // Whatever is left hangs off a parent cycle: no span in it is reachable from a root.
  if (rows.length < order.length) {
    for (const i of order) if (!visited[i]) walkFrom(i);
  }
  return rows;
}

/** Earliest start to latest end (an end before its start counts as the start). */
export function timelineBounds(spans: readonly SpanSummary[]): TimelineWindow {
  if (spans.length === 0) return { startNs: 0n, endNs: 0n };
  let startNs: bigint | null = null;
  let endNs: bigint | null = null;
  for (const span of spans) {
    const start = parseNs(span.startTimeUnixNano);
    const end = parseNs(span.endTimeUnixNano);
    const last = end > start ? end : start;
    if (startNs === null || start < startNs) startNs = start;
    if (endNs === null || last > endNs) endNs = last;
  }
  return { startNs: startNs ?? 0n, endNs: endNs ?? 0n };
}

/** Rows minus the descendants of collapsed spans (keys from `spanKey`). Same array when nothing is collapsed. */
export function visibleRows(rows: readonly TimelineRow[], collapsed: ReadonlySet<string>): readonly TimelineRow[] {
  if (collapsed.size === 0) return rows;
  const out: TimelineRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    out.push(row);
    if (row.hasChildren && collapsed.has(row.key)) i += row.descendantCount;
  }
  return out;
}

/** Keys of the rows enclosing `key`, nearest first: what to expand to reveal it. O(n), for one-off use. */
export function ancestorKeys(rows: readonly TimelineRow[], key: string): string[] {
  const at = rows.findIndex((row) => row.key === key);
  if (at < 0) return [];
  const out: string[] = [];
  let depth = rows[at]!.depth;
  for (let i = at - 1; i >= 0 && depth > 0; i--) {
    const row = rows[i]!;
    if (row.depth < depth) {
      out.push(row.key);
      depth = row.depth;
    }
  }
  return out;
}
