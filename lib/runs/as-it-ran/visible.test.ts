import { describe, expect, it } from "vitest";
import { buildAsRanGraph, type AsRanLedgerInput } from "@/lib/runs/as-it-ran/build";
import { asRanSpan } from "@/lib/runs/as-it-ran/testing";
import { layoutAsRan, WRAP_STEPS } from "@/lib/runs/as-it-ran/layout";
import type { AsRanGraph } from "@/lib/runs/as-it-ran/types";
import { addPage, missingPages, PAGE_STEPS, pagesFor, SEGMENT_PAGE, visibleGraph, widen, windowAround, type SegmentPart, type SegmentSteps, type SegmentWindow } from "@/lib/runs/as-it-ran/visible";
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
