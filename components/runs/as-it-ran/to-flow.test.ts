import { describe, expect, it } from "vitest";
import { buildAsRanGraph } from "@/lib/runs/as-it-ran/build";
import { asRanSpan } from "@/lib/runs/as-it-ran/testing";
import { layoutAsRan } from "@/lib/runs/as-it-ran/layout";
import { addPage, PAGE_STEPS, visibleGraph } from "@/lib/runs/as-it-ran/visible";
import { foldAsRan, segmentPage } from "@/lib/runs/as-it-ran/wire";
import { toAsRanFlowEdges, toAsRanFlowNodes } from "@/components/runs/as-it-ran/to-flow";

const span = (i: number, node: string, startMs: number, parent: number | null) => asRanSpan(i, node, { startMs, parent });

describe("toAsRanFlowNodes", () => {
  it("hands React Flow the same objects for what did not change when a chain opens", () => {
    // root → other, and root → a chain of 20 (span parents): opening the chain leaves root and other where they were.
    const spans = [span(0, "root", 0, null), span(99, "other", 5, 0), ...Array.from({ length: 20 }, (_, i) => span(i + 1, `a${i % 2}`, 10 + i * 10, i))];
    const graph = buildAsRanGraph(spans, []);
    const folded = foldAsRan(graph);
    const draw = (held: Parameters<typeof visibleGraph>[2], windows: Parameters<typeof visibleGraph>[1], previous?: ReturnType<typeof toAsRanFlowNodes>, previousEdges?: ReturnType<typeof toAsRanFlowEdges>) => {
      const visible = visibleGraph(folded, windows, held);
      const layout = layoutAsRan(visible.items, visible.edges);
      return {
        nodes: toAsRanFlowNodes(visible.items, layout, previous && new Map(previous.map((n) => [n.id, n]))),
        edges: toAsRanFlowEdges(visible.edges, previousEdges && new Map(previousEdges.map((e) => [e.id, e]))),
      };
    };
    const before = draw(new Map(), new Map());
    const again = draw(new Map(), new Map(), before.nodes, before.edges);
    expect(again.nodes).toEqual(before.nodes);
    again.nodes.forEach((n, i) => expect(n).toBe(before.nodes[i]));
    again.edges.forEach((e, i) => expect(e).toBe(before.edges[i]));

    const segment = folded.segments[0]!;
    const held = new Map([[segment.id, addPage(undefined, segmentPage(graph, segment.id, 0, PAGE_STEPS)!)]]);
    const opened = draw(held, new Map([[segment.id, { from: 0, to: segment.steps }]]), before.nodes, before.edges);
    const old = new Map(before.nodes.map((n) => [n.id, n]));
    const kept = opened.nodes.filter((n) => old.get(n.id) === n).map((n) => n.id);
    const moved = opened.nodes.filter((n) => old.has(n.id) && old.get(n.id) !== n).map((n) => n.id);
    // The segment's card is gone; nodes that stayed put are the same objects.
    expect(opened.nodes.some((n) => n.id === segment.id)).toBe(false);
    expect(kept.length + moved.length).toBe(before.nodes.length - 1);
    for (const id of moved) expect(opened.nodes.find((n) => n.id === id)!.position).not.toEqual(old.get(id)!.position);
    expect(kept).toEqual(["s0", "s99"]);
  });

  it("keeps the data object of a step that only moved, so its card's contents are not rendered again", () => {
    const spans = [span(0, "root", 0, null), ...Array.from({ length: 20 }, (_, i) => span(i + 1, `a${i % 2}`, 10 + i * 10, i))];
    const graph = buildAsRanGraph(spans, []);
    const folded = foldAsRan(graph);
    const segment = folded.segments[0]!;
    const held = new Map([[segment.id, addPage(undefined, segmentPage(graph, segment.id, 0, PAGE_STEPS)!)]]);
    const draw = (from: number, to: number, previous?: ReturnType<typeof toAsRanFlowNodes>) => {
      const visible = visibleGraph(folded, new Map([[segment.id, { from, to }]]), held);
      return toAsRanFlowNodes(visible.items, layoutAsRan(visible.items, visible.edges), previous && new Map(previous.map((n) => [n.id, n])));
    };
    const first = draw(0, 10);
    // The window slides: its first five steps fold into a card before it, the others move up.
    const slid = draw(5, 15, first);
    const old = new Map(first.map((n) => [n.id, n]));
    const moved = slid.filter((n) => n.type === "activation" && old.has(n.id) && old.get(n.id)!.position.x !== n.position.x);
    expect(moved.length).toBe(5);
    for (const n of moved) {
      expect(n).not.toBe(old.get(n.id));
      expect(n.data).toBe(old.get(n.id)!.data);
    }
  });
});
