import { describe, expect, it } from "vitest";
import { buildAsRanGraph, type AsRanLedgerInput } from "@/lib/runs/as-it-ran/build";
import { asRanSpan } from "@/lib/runs/as-it-ran/testing";
import { layoutAsRan, WRAP_STEPS } from "@/lib/runs/as-it-ran/layout";
import type { AsRanGraph } from "@/lib/runs/as-it-ran/types";
import { addPage, MAX_OPEN_STEPS, MAX_WINDOW_STEPS, missingPages, NOTHING_OPEN, openChain, PAGE_STEPS, pagesFor, SEGMENT_PAGE, visibleGraph, widen, windowAround, type OpenChains, type SegmentPart, type SegmentSteps, type SegmentWindow } from "@/lib/runs/as-it-ran/visible";
import { foldAsRan, segmentPage } from "@/lib/runs/as-it-ran/wire";

const MS = 1_000_000n;
const span = (i: number, node: string) => asRanSpan(i, node);
const ev = (type: string, ms: number, token: string, from: string, to: string): AsRanLedgerInput => ({ type, timeNs: String(BigInt(ms) * MS), tokenId: token, parentTokenId: null, sourceNode: from, targetNode: to, spanId: null });

/** start → n1 … n20 (a chain) → a fan-out to two ends. */
function chainWithFanOut() {
  const spans = [span(0, "start"), ...Array.from({ length: 20 }, (_, i) => span(i + 1, `n${i + 1}`)), span(21, "endA"), span(21, "endB")];
  spans[22] = { ...spans[22]!, spanId: "s22" };
  const names = spans.map((s) => s.nodeName!);
  const ledger: AsRanLedgerInput[] = [];
  for (let i = 0; i < 20; i++) ledger.push(ev("token_enqueued", i * 10 + 2, `t${i}`, names[i]!, names[i + 1]!), ev("token_dequeued", i * 10 + 9, `t${i}`, names[i]!, names[i + 1]!));
  ledger.push(ev("token_enqueued", 202, "ua", "n20", "endA"), ev("token_dequeued", 209, "ua", "n20", "endA"), ev("token_enqueued", 203, "ub", "n20", "endB"), ev("token_dequeued", 209, "ub", "n20", "endB"));
  return buildAsRanGraph(spans, ledger);
}

/** What the view draws with `windows` open, fetching the pages each needs as the view does. */
function show(graph: AsRanGraph, windows: ReadonlyMap<string, SegmentWindow>) {
  const held = new Map<string, SegmentSteps>();
  for (const [id, w] of windows) {
    const steps = graph.segments.find((s) => s.id === id)!.steps;
    for (const offset of missingPages(w, steps, held.get(id))) held.set(id, addPage(held.get(id), segmentPage(graph, id, offset, PAGE_STEPS)!));
    expect(missingPages(w, steps, held.get(id))).toEqual([]);
  }
  return visibleGraph(foldAsRan(graph), windows, held);
}

const firstSegment = (graph: AsRanGraph) => foldAsRan(graph).segments[0]!;

describe("visibleGraph", () => {
  it("draws a collapsed chain as one item that edges attach to, and all of it once expanded", () => {
    const graph = chainWithFanOut();
    expect(graph.segments).toHaveLength(1);
    const segment = firstSegment(graph);
    expect(graph.segments[0]).toMatchObject({ first: "s0", last: "s20", steps: 21 });

    const collapsed = show(graph, new Map());
    expect(collapsed.items.map((i) => i.id)).toEqual([segment.id, "s21", "s22"]);
    expect(collapsed.items[0]).toMatchObject({ kind: "segment", firstName: "start #1", lastName: "n20 #1" });
    expect(collapsed.edges.map((e) => e.id)).toEqual([`${segment.id}->s21`, `${segment.id}->s22`]);

    const expanded = show(graph, new Map([[segment.id, widen({ segment, side: "whole" }, undefined)]]));
    expect(expanded.items.map((i) => i.id)).toEqual(graph.activations.map((a) => a.id));
    expect(expanded.edges.map((e) => e.id).sort()).toEqual(graph.edges.map((e) => e.id).sort());
  });

  it("keeps a window folded until its steps are fetched", () => {
    const graph = chainWithFanOut();
    const segment = firstSegment(graph);
    const shown = visibleGraph(foldAsRan(graph), new Map([[segment.id, { from: 0, to: segment.steps }]]), new Map());
    expect(shown.items.map((i) => i.id)).toEqual([segment.id, "s21", "s22"]);
  });
});

/** A time-ordered chain of `n` steps (no ledger). */
function longChain(n: number) {
  return buildAsRanGraph(Array.from({ length: n }, (_, i) => span(i, `n${i % 3}`)), []);
}

describe("segment windows", () => {
  it("opens a long chain a page at a time, the rest folded after it", () => {
    const graph = longChain(200);
    const segment = firstSegment(graph);
    const first = widen({ segment, side: "whole" }, undefined);
    expect(first).toEqual({ from: 0, to: SEGMENT_PAGE });
    const shown = show(graph, new Map([[segment.id, first]]));
    expect(shown.items).toHaveLength(SEGMENT_PAGE + 1);
    const after = shown.items.at(-1) as SegmentPart;
    // Step 50 is n2's 17th activation (n0, n1, n2 take turns), the last (199) n1's 67th.
    expect(after).toMatchObject({ kind: "segment", side: "after", steps: 200 - SEGMENT_PAGE, firstName: "n2 #17", lastName: "n1 #67" });
    // The last shown step leads into the folded rest.
    expect(shown.edges.at(-1)).toMatchObject({ source: `s${SEGMENT_PAGE - 1}`, target: after.id });
    expect(widen(after, first)).toEqual({ from: 0, to: 2 * SEGMENT_PAGE });
  });

  it("needs one page to open a chain and one more per widening", () => {
    expect(pagesFor({ from: 0, to: SEGMENT_PAGE }, 1000)).toEqual([0]);
    expect(pagesFor({ from: 0, to: 2 * SEGMENT_PAGE }, 1000)).toEqual([0, SEGMENT_PAGE]);
    expect(pagesFor({ from: 0, to: 20 }, 20)).toEqual([0]);
    // Around place 700: the page with 674 (step 675's name for the part before) to the one with 725.
    expect(pagesFor({ from: 675, to: 725 }, 1000)).toEqual([650, 700]);
  });

  it("opens a page around an activation selected deep in a chain, folding both sides", () => {
    const graph = longChain(1000);
    const segment = firstSegment(graph);
    const w = windowAround(700, segment.steps, undefined);
    expect(w.from).toBeLessThanOrEqual(700);
    expect(w.to).toBeGreaterThan(700);
    expect(w.to - w.from).toBe(SEGMENT_PAGE);
    const shown = show(graph, new Map([[segment.id, w]]));
    expect(shown.items.map((i) => (i.kind === "segment" ? `${i.side}:${i.steps}` : "a")).filter((x) => x !== "a")).toEqual([`before:${w.from}`, `after:${1000 - w.to}`]);
    expect(shown.items.some((i) => i.id === "s700")).toBe(true);
    // Inside the window it stays; just past it, the window stretches instead of jumping.
    expect(windowAround(w.from + 1, segment.steps, w)).toBe(w);
    expect(windowAround(w.to + 3, segment.steps, w)).toEqual({ from: w.from, to: w.to + 4 });
  });
});

describe("bounded opening", () => {
  /** Opens `segmentId` to `window` the way the view does: the pages it lacks, then openChain. */
  function openTo(graph: AsRanGraph, open: OpenChains, segmentId: string, window: SegmentWindow): OpenChains {
    const steps = graph.segments.find((s) => s.id === segmentId)!.steps;
    const pages = missingPages(window, steps, open.held.get(segmentId)).map((offset) => segmentPage(graph, segmentId, offset, PAGE_STEPS)!);
    return openChain(open, segmentId, window, pages);
  }
  const folded = (items: readonly { kind: string }[]) => items.filter((i) => i.kind === "segment") as SegmentPart[];

  it("keeps a chain's window to MAX_WINDOW_STEPS while it is widened to the end, folding the start again", () => {
    const graph = longChain(1000);
    const segment = firstSegment(graph);
    let open = openTo(graph, NOTHING_OPEN, segment.id, widen({ segment, side: "whole" }, undefined));
    for (let click = 2; click <= 20; click++) {
      const before = open.windows.get(segment.id)!;
      const w = widen({ segment, side: "after" }, before);
      open = openTo(graph, open, segment.id, w);
      expect(w.to).toBe(Math.min(1000, before.to + SEGMENT_PAGE));
      expect(w.to - w.from).toBe(Math.min(click * SEGMENT_PAGE, MAX_WINDOW_STEPS));
      // Drawn from what is held, without a fetch: every page it needs is there.
      expect(missingPages(w, 1000, open.held.get(segment.id))).toEqual([]);
      // What is held stays near the window: a page each side at most.
      expect(open.held.get(segment.id)!.at.size).toBeLessThanOrEqual(MAX_WINDOW_STEPS + 3 * PAGE_STEPS);
    }
    const w = open.windows.get(segment.id)!;
    expect(w).toEqual({ from: 1000 - MAX_WINDOW_STEPS, to: 1000 });
    const shown = visibleGraph(foldAsRan(graph), open.windows, open.held);
    // The window's steps, the folded start standing for the other 800, and nothing after the end.
    expect(shown.items).toHaveLength(MAX_WINDOW_STEPS + 1);
    expect(folded(shown.items).map((p) => [p.side, p.steps])).toEqual([["before", 1000 - MAX_WINDOW_STEPS]]);
    expect(shown.items.at(-1)).toMatchObject({ kind: "activation", id: "s999" });
    // The folded start leads into the window's first step.
    expect(shown.edges).toContainEqual(expect.objectContaining({ source: `${segment.id}:before`, target: `s${1000 - MAX_WINDOW_STEPS}` }));
    // Back towards the start: a page more before, the end folding again.
    const back = widen({ segment, side: "before" }, w);
    expect(back).toEqual({ from: w.from - SEGMENT_PAGE, to: w.to - SEGMENT_PAGE });
    open = openTo(graph, open, segment.id, back);
    expect(folded(visibleGraph(foldAsRan(graph), open.windows, open.held).items).map((p) => [p.side, p.steps])).toEqual([
      ["before", back.from],
      ["after", 1000 - back.to],
    ]);
  });

  it("stretches towards a selection next to the window only as far as MAX_WINDOW_STEPS", () => {
    const full = { from: 100, to: 100 + MAX_WINDOW_STEPS };
    expect(windowAround(full.to + 5, 1000, full)).toEqual({ from: 106, to: full.to + 6 });
    expect(windowAround(90, 1000, full)).toEqual({ from: 90, to: 90 + MAX_WINDOW_STEPS });
    const small = { from: 100, to: 150 };
    expect(windowAround(90, 1000, small)).toEqual({ from: 90, to: 150 });
  });

  it("folds the chains opened longest ago once more than MAX_OPEN_STEPS would show, and lets go of their steps", () => {
    // Ten long chains: a loop of two nodes broken by a fan-out every 300 steps.
    const spans = [];
    let k = 0;
    for (let c = 0; c < 10; c++) {
      for (let i = 0; i < 300; i++, k++) spans.push(span(k, `n${i % 2}`));
      // Side by side: both follow the chain's last step, which ends the chain.
      spans.push(asRanSpan(k, "fanA", { startMs: k * 10 }), asRanSpan(k + 1, "fanB", { startMs: k * 10 }));
      k += 2;
    }
    const graph = buildAsRanGraph(spans, []);
    const segments = foldAsRan(graph).segments;
    expect(segments.length).toBeGreaterThanOrEqual(5);
    let open: OpenChains = NOTHING_OPEN;
    for (const segment of segments.slice(0, 5)) {
      let w = widen({ segment, side: "whole" }, undefined);
      open = openTo(graph, open, segment.id, w);
      for (let k = 0; k < 3; k++) open = openTo(graph, open, segment.id, (w = widen({ segment, side: "after" }, w)));
    }
    let shown = 0;
    for (const w of open.windows.values()) shown += w.to - w.from;
    expect(shown).toBeLessThanOrEqual(MAX_OPEN_STEPS);
    // The last two opened (200 steps each) are open; the first three folded, and nothing is held for them.
    expect([...open.windows.keys()]).toEqual(segments.slice(3, 5).map((s) => s.id));
    expect([...open.held.keys()].sort()).toEqual(segments.slice(3, 5).map((s) => s.id).sort());
    // Opening an older chain again makes it the newest: the oldest still open folds instead.
    open = openTo(graph, open, segments[0]!.id, widen({ segment: segments[0]!, side: "whole" }, undefined));
    expect([...open.windows.keys()]).toEqual([segments[4]!.id, segments[0]!.id]);
  });
});

describe("layoutAsRan", () => {
  it("puts each step in its own column, side-by-side activations in rows, and wraps long runs into bands", () => {
    const graph = chainWithFanOut();
    const segment = firstSegment(graph);
    const { items, edges } = show(graph, new Map([[segment.id, { from: 0, to: segment.steps }]]));
    const layout = layoutAsRan(items, edges);
    const p = (id: string) => layout.positions.get(id)!;
    expect(p("s1").x).toBeGreaterThan(p("s0").x);
    expect(p("s1").y).toBe(p("s0").y);
    // Step 21 (the fan-out) is in the third band, its two ends one above the other.
    expect(p("s21").x).toBe(p("s22").x);
    expect(p("s22").y).toBeGreaterThan(p("s21").y);
    expect(p(`s${WRAP_STEPS}`).x).toBe(p("s0").x);
    expect(p(`s${WRAP_STEPS}`).y).toBeGreaterThan(p("s0").y);
    expect(layout.width).toBeLessThan(WRAP_STEPS * 300);
  });
});
