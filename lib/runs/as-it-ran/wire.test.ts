import { describe, expect, it } from "vitest";
import { buildAsRanGraph } from "@/lib/runs/as-it-ran/build";
import { asRanSpan } from "@/lib/runs/as-it-ran/testing";
import { foldAsRan, placeOfSpan, segmentPage } from "@/lib/runs/as-it-ran/wire";

const span = (i: number, node: string, startMs = i * 10) => asRanSpan(i, node, { startMs });

/** A time-ordered chain of 100 steps (no ledger), then two that ran side by side after it, then one past the limit. */
function chainThenPair() {
  const spans = [...Array.from({ length: 100 }, (_, i) => span(i, `n${i % 2}`)), span(100, "a", 1000), span(101, "b", 1000), span(102, "c", 2000)];
  return buildAsRanGraph(spans, [], { maxActivations: 102 });
}

describe("foldAsRan", () => {
  it("sends what is outside segments, each segment by its ends, and keeps the counts honest", () => {
    const graph = chainThenPair();
    expect(graph.segments).toHaveLength(1);
    const folded = foldAsRan(graph);
    expect(folded.activations.map((a) => a.id)).toEqual(["s100", "s101"]);
    expect(folded.segments).toEqual([{ id: graph.segments[0]!.id, steps: 100, first: graph.activations[0], last: graph.activations[99] }]);
    expect(folded.activations.length + folded.segments.reduce((n, s) => n + s.steps, 0)).toBe(folded.drawnActivations);
    // The edges left leave the chain's last step.
    expect(folded.edges.map((e) => e.id)).toEqual(["s99->s100", "s99->s101"]);
    expect(folded.drawnActivations).toBe(102);
    expect(folded.omittedActivations).toBe(1);
    // The first page of the chain comes along (51 steps: the one after the page names the rest).
    expect(folded.firstPages.map((p) => [p.segmentId, p.offset, p.activations.length])).toEqual([[graph.segments[0]!.id, 0, 51]]);
    expect(foldAsRan(graph)).toBe(folded);
  });
});

describe("segmentPage", () => {
  it("answers a page of the chain in order, with the edge into each step and the one out of the page", () => {
    const graph = chainThenPair();
    const id = graph.segments[0]!.id;
    const page = segmentPage(graph, id, 40, 10)!;
    expect(page).toMatchObject({ segmentId: id, steps: 100, offset: 40 });
    expect(page.activations.map((a) => a.id)).toEqual(Array.from({ length: 10 }, (_, i) => `s${40 + i}`));
    expect(page.edges.map((e) => e.id)).toEqual([...Array.from({ length: 10 }, (_, i) => `s${39 + i}->s${40 + i}`), "s49->s50"]);
    // The chain's start has no edge in; its end none out inside the chain.
    expect(segmentPage(graph, id, 0, 2)!.edges.map((e) => e.id)).toEqual(["s0->s1", "s1->s2"]);
    expect(segmentPage(graph, id, 95, 50)!.edges.map((e) => e.id)).toEqual(["s94->s95", "s95->s96", "s96->s97", "s97->s98", "s98->s99"]);
    expect(segmentPage(graph, "seg:none", 0, 10)).toBeNull();
  });
});

describe("placeOfSpan", () => {
  it("says which segment and place a span's activation has", () => {
    const graph = chainThenPair();
    expect(placeOfSpan(graph, "s70")).toEqual({ activationId: "s70", segmentId: graph.segments[0]!.id, position: 70 });
    expect(placeOfSpan(graph, "s100")).toEqual({ activationId: "s100", segmentId: null, position: 0 });
    // Past the limit: not drawn, so nowhere.
    expect(placeOfSpan(graph, "s102")).toBeNull();
  });
});
