import { describe, expect, it } from "vitest";
import { buildAsRanGraph } from "@/lib/runs/as-it-ran/build";
import { changedChainSteps, keepInPlace, layoutAsRan, WRAP_STEPS, type AsRanLayout } from "@/lib/runs/as-it-ran/layout";
import { asRanSpan } from "@/lib/runs/as-it-ran/testing";
import { addPage, missingPages, PAGE_STEPS, visibleGraph, type AsRanItem, type SegmentSteps, type SegmentWindow } from "@/lib/runs/as-it-ran/visible";
import { foldAsRan, segmentPage } from "@/lib/runs/as-it-ran/wire";

/** One chain of `steps` activations by span parents (s0 → s1 → …), folded into one segment, laid out with `window` open. */
function chainLaidOut(steps: number) {
  const graph = buildAsRanGraph(
    Array.from({ length: steps }, (_, i) => asRanSpan(i, `a${i % 2}`, { parent: i === 0 ? null : i - 1 })),
    [],
  );
  const folded = foldAsRan(graph);
  const segment = folded.segments[0]!;
  /** What is drawn with the chain's `window` open (null: folded): its items and their layout. */
  const drawn = (window: SegmentWindow | null) => {
    let held: SegmentSteps | undefined;
    for (const offset of window ? missingPages(window, segment.steps, undefined) : []) held = addPage(held, segmentPage(graph, segment.id, offset, PAGE_STEPS)!);
    const { items, edges } = visibleGraph(folded, new Map(window ? [[segment.id, window]] : []), new Map(held ? [[segment.id, held]] : []));
    return { items, layout: layoutAsRan(items, edges) };
  };
  return { segment, drawn, laidOut: (window: SegmentWindow): AsRanLayout => drawn(window).layout };
}

/** The steps (not folded parts) both layouts place. */
const sharedSteps = (a: AsRanLayout, b: AsRanLayout, segmentId: string) => [...b.positions.keys()].filter((id) => a.positions.has(id) && !id.startsWith(segmentId));

describe("keepInPlace", () => {
  it("keeps the steps a sliding window still shows where they were, and moves the cards around them", () => {
    const { segment, laidOut } = chainLaidOut(60);
    const fold = `${segment.id}:before`;
    // The window already starts past a fold, as a window that slides again does.
    const before = laidOut({ from: WRAP_STEPS, to: 4 * WRAP_STEPS });
    const slid = laidOut({ from: 2 * WRAP_STEPS, to: 5 * WRAP_STEPS });
    const steps = sharedSteps(before, slid, segment.id);
    expect(steps.length).toBe(2 * WRAP_STEPS);
    // As laid out, every step still shown moved up a band.
    for (const id of steps) expect(slid.positions.get(id)!.y).toBeLessThan(before.positions.get(id)!.y);

    const kept = keepInPlace(slid, before.positions);
    for (const id of steps) expect(kept.positions.get(id)).toEqual(before.positions.get(id));
    // The fold before them moved down instead, and the graph's shape is the one laid out.
    expect(kept.positions.get(fold)!.y).toBeGreaterThan(before.positions.get(fold)!.y);
    const gap = (layout: AsRanLayout) => layout.positions.get(steps[0]!)!.y - layout.positions.get(fold)!.y;
    expect(gap(kept)).toBe(gap(slid));
    expect(kept.positions.size).toBe(slid.positions.size);
  });

  it("on a window's first slide keeps all but the steps that end a row: the new fold takes a column", () => {
    const { segment, laidOut } = chainLaidOut(60);
    const before = laidOut({ from: 0, to: 3 * WRAP_STEPS });
    const slid = laidOut({ from: WRAP_STEPS, to: 4 * WRAP_STEPS });
    const steps = sharedSteps(before, slid, segment.id);
    const kept = keepInPlace(slid, before.positions);
    const moved = steps.filter((id) => kept.positions.get(id)!.x !== before.positions.get(id)!.x || kept.positions.get(id)!.y !== before.positions.get(id)!.y);
    expect(steps.length).toBe(2 * WRAP_STEPS);
    expect(moved.length).toBe(steps.length / WRAP_STEPS);
    // Those were each at a row's end, and start the next row.
    const xs = (layout: AsRanLayout) => [...layout.positions.values()].map((p) => p.x);
    for (const id of moved) expect(before.positions.get(id)!.x).toBe(Math.max(...xs(before)));
    for (const id of moved) expect(kept.positions.get(id)!.x).toBe(Math.min(...xs(kept)));
    for (const id of moved) expect(kept.positions.get(id)!.y).toBeGreaterThan(before.positions.get(id)!.y);
  });

  it("leaves a layout as laid out when the window only grows at its end, and when nothing was drawn", () => {
    const { laidOut } = chainLaidOut(60);
    const before = laidOut({ from: 0, to: WRAP_STEPS });
    const grown = laidOut({ from: 0, to: 3 * WRAP_STEPS });
    expect(keepInPlace(grown, before.positions)).toBe(grown);
    expect(keepInPlace(grown, new Map())).toBe(grown);
  });

  it("counts only the cards it is given, and keeps the layout on a tie with those that stayed", () => {
    const layout = { positions: new Map([["a", { x: 0, y: 0 }], ["b", { x: 10, y: 0 }], ["c", { x: 20, y: 0 }]]), width: 30, height: 10 };
    // b and c moved together, but only a counts, and a stayed: nothing moves.
    expect(keepInPlace(layout, new Map([["a", { x: 0, y: 0 }]]))).toBe(layout);
    expect(keepInPlace(layout, new Map([["a", { x: 0, y: 0 }], ["b", { x: 10, y: 50 }]]))).toBe(layout);
    const moved = keepInPlace(layout, new Map([["b", { x: 10, y: 50 }], ["c", { x: 20, y: 50 }]]));
    expect([...moved.positions.values()]).toEqual([
      { x: 0, y: 50 },
      { x: 10, y: 50 },
      { x: 20, y: 50 },
    ]);
  });
});

describe("changedChainSteps", () => {
  /** A draw as the canvas keeps it: each card's chain (activations only) and place. */
  const asDrawn = ({ items, layout }: { items: readonly AsRanItem[]; layout: AsRanLayout }) =>
    new Map(items.map((item) => [item.id, { chain: item.kind === "activation" ? item.activation.segmentId : null, place: layout.positions.get(item.id)! }]));

  it("gives the places of the steps a slid window still shows, which keepInPlace then holds still", () => {
    const chain = chainLaidOut(60);
    const before = chain.drawn({ from: WRAP_STEPS, to: 4 * WRAP_STEPS });
    const slid = chain.drawn({ from: 2 * WRAP_STEPS, to: 5 * WRAP_STEPS });
    const places = changedChainSteps(asDrawn(before), slid.items);
    expect([...places.keys()].sort()).toEqual(sharedSteps(before.layout, slid.layout, chain.segment.id).sort());
    const kept = keepInPlace(slid.layout, places);
    for (const [id, place] of places) expect(kept.positions.get(id)).toEqual(place);
  });

  it("gives nothing when no chain's steps changed (a live update, a selection), nor counts cards outside chains", () => {
    const chain = chainLaidOut(60);
    const open = chain.drawn({ from: 0, to: 3 * WRAP_STEPS });
    expect(changedChainSteps(asDrawn(open), open.items).size).toBe(0);
    // A card of no chain that left the drawing changes no chain.
    const outside = new Map([...asDrawn(open), ["elsewhere", { chain: null, place: { x: 0, y: 9_999 } }]]);
    expect(changedChainSteps(outside, open.items).size).toBe(0);
  });

  it("gives the steps that stayed put when a window only grows, so the layout is kept", () => {
    const chain = chainLaidOut(60);
    const before = chain.drawn({ from: 0, to: WRAP_STEPS });
    const grown = chain.drawn({ from: 0, to: 3 * WRAP_STEPS });
    const places = changedChainSteps(asDrawn(before), grown.items);
    expect(places.size).toBe(WRAP_STEPS);
    expect(keepInPlace(grown.layout, places)).toBe(grown.layout);
    // Folding the chain again leaves none of its steps drawn: nothing to hold.
    expect(changedChainSteps(asDrawn(grown), chain.drawn(null).items).size).toBe(0);
  });
});
