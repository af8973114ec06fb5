import { describe, expect, it } from "vitest";
import {
  MIN_WINDOW_NS,
  ancestorKeys,
  buildTimelineRows,
  clampView,
  formatDuration,
  formatOffset,
  formatWindow,
  panView,
  rulerTicks,
  selectView,
  spanKey,
  timelineBounds,
  toPercent,
  visibleRows,
  zoomView,
  type TimelineRow,
} from "@/lib/runs/timeline";
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

describe("zoom and pan", () => {
  const bounds = { startNs: 1_000_000n, endNs: 2_000_000_000n };

  it("positions times as percentages of the window", () => {
    expect(toPercent(bounds.startNs, bounds)).toBe(0);
    expect(toPercent(bounds.endNs, bounds)).toBe(100);
    const view = { startNs: 1_000_000n, endNs: 1_001_000n };
    expect(toPercent(1_000_500n, view)).toBe(50);
    expect(toPercent(999_000n, view)).toBe(-100);
    expect(toPercent(5n, { startNs: 5n, endNs: 5n })).toBe(0);
  });

  it("zooms in around the anchor, keeping the anchored time in place", () => {
    const anchorNs = bounds.startNs + (bounds.endNs - bounds.startNs) / 4n;
    const view = zoomView(bounds, bounds, 4, 0.25);
    expect(view.endNs - view.startNs).toBe((bounds.endNs - bounds.startNs) / 4n);
    expect(view.startNs + (view.endNs - view.startNs) / 4n).toBe(anchorNs);
    expect(toPercent(anchorNs, view)).toBeCloseTo(25, 6);
  });

  it("never zooms beyond the bounds or below the minimum window", () => {
    expect(zoomView(bounds, bounds, 0.5, 0.5)).toEqual(bounds);
    const nearEnd = zoomView({ startNs: 1_900_000_000n, endNs: 2_000_000_000n }, bounds, 0.5, 1);
    expect(nearEnd.endNs).toBe(bounds.endNs);
    expect(nearEnd.endNs - nearEnd.startNs).toBe(200_000_000n);
    let view = bounds;
    for (let i = 0; i < 100; i++) view = zoomView(view, bounds, 10, 0.3);
    expect(view.endNs - view.startNs).toBe(MIN_WINDOW_NS);
    expect(view.startNs).toBeGreaterThanOrEqual(bounds.startNs);
    expect(view.endNs).toBeLessThanOrEqual(bounds.endNs);
    const tiny = { startNs: 10n, endNs: 20n };
    expect(zoomView(tiny, tiny, 4, 0.5)).toEqual(tiny);
  });

  it("pans within the bounds, keeping the width", () => {
    const view = { startNs: 100_000_000n, endNs: 300_000_000n };
    expect(panView(view, bounds, 0.5)).toEqual({ startNs: 200_000_000n, endNs: 400_000_000n });
    expect(panView(view, bounds, -10)).toEqual({ startNs: bounds.startNs, endNs: bounds.startNs + 200_000_000n });
    expect(panView(view, bounds, 100).endNs).toBe(bounds.endNs);
  });

  it("selects a window from two fractions in either order", () => {
    const view = { startNs: 0n, endNs: 1_000_000n };
    const b = { startNs: 0n, endNs: 10_000_000n };
    expect(selectView(view, b, 0.8, 0.2)).toEqual({ startNs: 200_000n, endNs: 800_000n });
    expect(selectView(view, b, 0.5, 0.5)).toEqual({ startNs: 499_500n, endNs: 500_500n });
    expect(clampView({ startNs: -5n, endNs: 100n }, b)).toEqual({ startNs: 0n, endNs: MIN_WINDOW_NS });
  });
});

describe("ruler", () => {
  it("formats offsets for ticks", () => {
    expect(formatOffset(0n)).toBe("0 ms");
    expect(formatOffset(250_000_000n)).toBe("250 ms");
    expect(formatOffset(1_500_000_000n)).toBe("1.5 s");
    expect(formatOffset(123_000_000_000n)).toBe("2m 03s");
    expect(formatOffset(3_723_000_000_000n)).toBe("1h 02m 03s");
    expect(formatOffset(750n)).toBe("750 ns");
    expect(formatOffset(12_500n)).toBe("12.5 µs");
    expect(formatOffset(999_999_900n)).toBe("1 s");
    expect(formatOffset(-250_000_000n)).toBe("-250 ms");
    expect(formatOffset(1_000_250_000n, 250_000n)).toBe("1.00025 s");
    expect(formatOffset(123_500_000_000n, 500_000_000n)).toBe("2m 03.5s");
  });

  it("formats durations to about three significant digits", () => {
    expect(formatDuration(1_234_567n)).toBe("1.23 ms");
    expect(formatDuration(12_345_678_900n)).toBe("12.3 s");
    expect(formatDuration(820_400n)).toBe("820 µs");
    expect(formatDuration(0n)).toBe("0 ms");
  });

  it("describes the current window against the run", () => {
    const bounds = { startNs: T0, endNs: T0 + 3_400_000_000n };
    expect(formatWindow(bounds, bounds)).toBe("0 ms – 3.4 s of 3.4 s");
    expect(formatWindow({ startNs: T0, endNs: T0 + 1_234_567_890n }, bounds)).toBe("0 ms – 1.23 s of 3.4 s");
    expect(formatWindow({ startNs: T0 + 1_200_000_000n, endNs: T0 + 1_200_100_000n }, bounds)).toBe("1.2 s – 1.2001 s of 3.4 s");
  });

  it("puts ticks on round steps across the window", () => {
    const ticks = rulerTicks({ startNs: T0, endNs: T0 + 1_000_000_000n }, 4);
    expect(ticks.map((t) => t.label)).toEqual(["0 ms", "250 ms", "500 ms", "750 ms", "1 s"]);
    expect(ticks.map((t) => t.percent)).toEqual([0, 25, 50, 75, 100]);
  });

  it("labels ticks from the origin when zoomed in", () => {
    const view = { startNs: T0 + 1_100_000_000n, endNs: T0 + 1_200_000_000n };
    const ticks = rulerTicks(view, 4, T0);
    expect(ticks.map((t) => t.label)).toEqual(["1.1 s", "1.125 s", "1.15 s", "1.175 s", "1.2 s"]);
    const minutes = rulerTicks({ startNs: 0n, endNs: 240_000_000_000n }, 4);
    expect(minutes.map((t) => t.label)).toEqual(["0 ms", "1m 00s", "2m 00s", "3m 00s", "4m 00s"]);
  });
});
