import { describe, expect, it } from "vitest";
import { ancestorKeys, buildTimelineRows, spanKey, timelineBounds, visibleRows, type TimelineRow } from "@/lib/runs/timeline/rows";
import type { SpanSummary } from "@/lib/runs/types";

const T0 = 1_763_000_000_000_000_000n;

/** A span starting `startMs` after T0; times are exact nanosecond strings. */
function makeSpan(spanId: string, parentSpanId: string | null, startMs: number, durationMs = 10, traceId = "t1"): SpanSummary {
  const start = T0 + BigInt(Math.round(startMs * 1e6));
  const end = start + BigInt(Math.round(durationMs * 1e6));
  return {
    traceId,
    spanId,
    parentSpanId,
    name: `span ${spanId}`,
    nodeName: null,
    startTimeUnixNano: start.toString(),
    endTimeUnixNano: end.toString(),
    durationMs,
    status: "ok",
    inputTokens: null,
    outputTokens: null,
    costUsd: null,
    modelName: null,
  };
}

const shape = (rows: readonly TimelineRow[]) => rows.map((r) => `${r.span.spanId}@${r.depth}`);



describe("buildTimelineRows", () => {
  it("nests children under parents depth-first with depth, hasChildren and descendantCount", () => {
    const rows = buildTimelineRows([
      makeSpan("c", "a", 5),
      makeSpan("b", "a", 1),
      makeSpan("a", null, 0, 100),
      makeSpan("b1", "b", 2),
    ]);
    expect(shape(rows)).toEqual(["a@0", "b@1", "b1@2", "c@1"]);
    expect(rows.map((r) => [r.hasChildren, r.descendantCount])).toEqual([
      [true, 3],
      [true, 1],
      [false, 0],
      [false, 0],
    ]);
    expect(rows[0]!.key).toBe("t1:a");
  });

  it("orders siblings by exact nanosecond start, then by spanId", () => {
    const root = makeSpan("r", null, 0, 100);
    const late = { ...makeSpan("x", "r", 0), startTimeUnixNano: (T0 + 2n).toString() };
    const early = { ...makeSpan("y", "r", 0), startTimeUnixNano: (T0 + 1n).toString() };
    const tieB = makeSpan("tb", "r", 50);
    const tieA = makeSpan("ta", "r", 50);
    // Longer digit strings must sort numerically, not lexically.
    const longer = { ...makeSpan("z", null, 0), startTimeUnixNano: (T0 * 10n).toString() };
    expect(shape(buildTimelineRows([longer, tieB, late, root, tieA, early]))).toEqual([
      "r@0",
      "y@1",
      "x@1",
      "ta@1",
      "tb@1",
      "z@0",
    ]);
  });

  it("treats a span whose parent is missing as a root", () => {
    const rows = buildTimelineRows([makeSpan("a", null, 0), makeSpan("orphan", "gone", 5), makeSpan("kid", "orphan", 6)]);
    expect(shape(rows)).toEqual(["a@0", "orphan@0", "kid@1"]);
  });

  it("keeps two traces apart even when span ids collide", () => {
    const rows = buildTimelineRows([
      makeSpan("root", null, 0, 50, "t1"),
      makeSpan("child", "root", 10, 5, "t1"),
      makeSpan("root", null, 20, 50, "t2"),
      makeSpan("child", "root", 30, 5, "t2"),
      makeSpan("stray", "root", 40, 5, "t3"),
    ]);
    expect(rows.map((r) => `${r.key}@${r.depth}`)).toEqual([
      "t1:root@0",
      "t1:child@1",
      "t2:root@0",
      "t2:child@1",
      "t3:stray@0",
    ]);
  });

  it("survives parent cycles: every span once, no infinite loop", () => {
    const rows = buildTimelineRows([
      makeSpan("a", "b", 1),
      makeSpan("b", "a", 2),
      makeSpan("c", "b", 3),
      makeSpan("self", "self", 4),
      makeSpan("root", null, 0),
    ]);
    expect(rows.map((r) => r.span.spanId).sort()).toEqual(["a", "b", "c", "root", "self"]);
    expect(shape(rows)).toEqual(["root@0", "self@0", "a@0", "b@1", "c@2"]);
  });

  it("drops a duplicate (traceId, spanId) instead of showing it twice", () => {
    const rows = buildTimelineRows([makeSpan("a", null, 0), makeSpan("a", null, 0)]);
    expect(rows).toHaveLength(1);
  });

  it("handles 20,000 spans in a deep and wide tree correctly", () => {
    const spans: SpanSummary[] = [];
    // 200 roots, each with 33 children of 2 grandchildren each (200 * (1 + 33 * 3) = 20,000 spans),
    // shuffled deterministically so the builder cannot rely on input order.
    for (let r = 0; r < 200; r++) {
      spans.push(makeSpan(`r${r}`, null, r * 100, 100));
      for (let c = 0; c < 33; c++) {
        spans.push(makeSpan(`r${r}c${c}`, `r${r}`, r * 100 + c * 3, 3));
        for (let g = 0; g < 2; g++) spans.push(makeSpan(`r${r}c${c}g${g}`, `r${r}c${c}`, r * 100 + c * 3 + g, 1));
      }
    }
    let seed = 7;
    for (let i = spans.length - 1; i > 0; i--) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const j = seed % (i + 1);
      [spans[i], spans[j]] = [spans[j]!, spans[i]!];
    }
    const rows = buildTimelineRows(spans);
    expect(rows).toHaveLength(20_000);
    expect(new Set(rows.map((r) => r.key)).size).toBe(20_000);
    expect(rows.filter((r) => r.depth === 0).map((r) => r.span.spanId)).toEqual(
      Array.from({ length: 200 }, (_, r) => `r${r}`),
    );
    expect(shape(rows.slice(0, 5))).toEqual(["r0@0", "r0c0@1", "r0c0g0@2", "r0c0g1@2", "r0c1@1"]);
    const ancestors: SpanSummary[] = [];
    for (const row of rows) {
      expect(row.descendantCount).toBe(row.depth === 0 ? 99 : row.depth === 1 ? 2 : 0);
      // The nearest shallower row above is the span's real parent.
      expect(row.depth === 0 ? null : ancestors[row.depth - 1]?.spanId).toBe(row.span.parentSpanId);
      ancestors[row.depth] = row.span;
    }
    const r199 = rows.findIndex((r) => r.key === "t1:r199");
    expect(r199).toBe(19_900);
    expect(rows[r199 + 100]).toBeUndefined();
  });

  it("handles a 20,000-deep chain without overflowing the stack", () => {
    const spans = Array.from({ length: 20_000 }, (_, i) => makeSpan(`s${i}`, i === 0 ? null : `s${i - 1}`, i * 0.001, 1));
    const rows = buildTimelineRows(spans.reverse());
    expect(rows).toHaveLength(20_000);
    expect(rows[19_999]!.depth).toBe(19_999);
    expect(rows[0]!.descendantCount).toBe(19_999);
  });
});

describe("timelineBounds", () => {
  it("spans the earliest start to the latest end", () => {
    const b = timelineBounds([makeSpan("a", null, 10, 5), makeSpan("b", null, 0, 2), makeSpan("c", null, 3, 40)]);
    expect(b).toEqual({ startNs: T0, endNs: T0 + 43_000_000n });
  });

  it("is empty for no spans", () => {
    expect(timelineBounds([])).toEqual({ startNs: 0n, endNs: 0n });
  });
});

describe("visibleRows", () => {
  const rows = buildTimelineRows([
    makeSpan("a", null, 0, 100),
    makeSpan("b", "a", 1),
    makeSpan("b1", "b", 2),
    makeSpan("c", "a", 5),
    makeSpan("d", null, 200),
  ]);

  it("returns the rows untouched when nothing is collapsed", () => {
    expect(visibleRows(rows, new Set())).toBe(rows);
  });

  it("hides only the descendants of a collapsed span", () => {
    expect(shape(visibleRows(rows, new Set([spanKey(rows[1]!.span)])))).toEqual(["a@0", "b@1", "c@1", "d@0"]);
    expect(shape(visibleRows(rows, new Set(["t1:a"])))).toEqual(["a@0", "d@0"]);
    // Collapsing a leaf changes nothing.
    expect(shape(visibleRows(rows, new Set(["t1:c", "t1:d"])))).toEqual(["a@0", "b@1", "b1@2", "c@1", "d@0"]);
  });
});

describe("ancestorKeys", () => {
  it("lists the enclosing spans, nearest first", () => {
    const rows = buildTimelineRows([
      makeSpan("a", null, 0, 100),
      makeSpan("b", "a", 1),
      makeSpan("b1", "b", 2),
      makeSpan("c", "a", 5),
      makeSpan("c1", "c", 6),
    ]);
    expect(ancestorKeys(rows, "t1:c1")).toEqual(["t1:c", "t1:a"]);
    expect(ancestorKeys(rows, "t1:a")).toEqual([]);
    expect(ancestorKeys(rows, "t1:missing")).toEqual([]);
  });
});
