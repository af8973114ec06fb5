import type { AsRanItem, AsRanVisibleEdge } from "@/lib/runs/as-it-ran/visible";

export const AS_RAN_NODE_WIDTH = 184;
export const AS_RAN_NODE_HEIGHT = 60;
const GAP_X = 56;
const GAP_Y = 28;
/** Steps per row before the graph wraps: a long run reads as lines of text, not as one line fit-view shrinks to nothing. */
export const WRAP_STEPS = 10;
const BAND_GAP = 48;

export interface AsRanLayout {
  positions: Map<string, { x: number; y: number }>;
  width: number;
  height: number;
}

/**
 * Columns by step (longest path from a root, following edges forward in start order), rows for what
 * ran side by side, wrapped every WRAP_STEPS columns into bands. O(items + edges).
 */
export function layoutAsRan(items: readonly AsRanItem[], edges: readonly AsRanVisibleEdge[]): AsRanLayout {
  const order = new Map(items.map((item, i) => [item.id, i]));
  const incoming = new Map<string, string[]>();
  for (const e of edges) {
    // A way back in start order (clock skew) would make a cycle: it does not push its target.
    if ((order.get(e.source) ?? Infinity) >= (order.get(e.target) ?? -1)) continue;
    const list = incoming.get(e.target);
    if (list) list.push(e.source);
    else incoming.set(e.target, [e.source]);
  }
  const depth = new Map<string, number>();
  for (const item of items) {
    let d = 0;
    for (const source of incoming.get(item.id) ?? []) d = Math.max(d, (depth.get(source) ?? 0) + 1);
    depth.set(item.id, d);
  }
  // Rows: the n-th item at one depth goes to row n of its band.
  const rowsAt = new Map<number, number>();
  const bandRows: number[] = [];
  const cell = new Map<string, { band: number; col: number; row: number }>();
  for (const item of items) {
    const d = depth.get(item.id)!;
    const row = rowsAt.get(d) ?? 0;
    rowsAt.set(d, row + 1);
    const band = Math.floor(d / WRAP_STEPS);
    bandRows[band] = Math.max(bandRows[band] ?? 0, row + 1);
    cell.set(item.id, { band, col: d % WRAP_STEPS, row });
  }
  const bandTop: number[] = [];
  let top = 0;
  for (let b = 0; b < bandRows.length; b++) {
    bandTop[b] = top;
    top += (bandRows[b] ?? 0) * (AS_RAN_NODE_HEIGHT + GAP_Y) - GAP_Y + BAND_GAP;
  }
  const positions = new Map<string, { x: number; y: number }>();
  let width = 0;
  for (const [id, { band, col, row }] of cell) {
    const x = col * (AS_RAN_NODE_WIDTH + GAP_X);
    positions.set(id, { x, y: bandTop[band]! + row * (AS_RAN_NODE_HEIGHT + GAP_Y) });
    width = Math.max(width, x + AS_RAN_NODE_WIDTH);
  }
  return { positions, width, height: Math.max(0, top - BAND_GAP) };
}

/**
 * `layout` moved as a whole so that, of the cards at `before` (their previous places by id: the
 * steps of a chain whose window changed, changedChainSteps), the largest group that moved together
 * stays where it was. A window sliding down a chain folds steps at its top and moves the others
 * up: this keeps those still and moves the cards around them instead (and React Flow renders only
 * cards that moved again). When as many of those cards stayed put as the largest group that moved,
 * or there are none, the layout is kept as laid out. O(cards).
 */
export function keepInPlace(layout: AsRanLayout, before: ReadonlyMap<string, { x: number; y: number }>): AsRanLayout {
  const votes = new Map<string, { dx: number; dy: number; count: number }>();
  let best = { dx: 0, dy: 0, count: 0 };
  for (const [id, then] of before) {
    const now = layout.positions.get(id);
    if (!now) continue;
    const dx = then.x - now.x;
    const dy = then.y - now.y;
    const key = `${dx},${dy}`;
    const vote = votes.get(key) ?? { dx, dy, count: 0 };
    vote.count++;
    votes.set(key, vote);
    if (vote.count > best.count) best = vote;
  }
  if ((best.dx === 0 && best.dy === 0) || best.count === (votes.get("0,0")?.count ?? 0)) return layout;
  const positions = new Map<string, { x: number; y: number }>();
  for (const [id, p] of layout.positions) positions.set(id, { x: p.x + best.dx, y: p.y + best.dy });
  return { positions, width: layout.width, height: layout.height };
}

/**
 * Of the cards drawn before (by id: the chain an activation card is a step of, and its place),
 * the places of the steps still drawn of each chain whose drawn steps changed (its window opened
 * wider, slid or jumped): what keepInPlace should hold still. Nothing else counts, so a live update
 * or a fold elsewhere leaves the layout as laid out. O(cards).
 */
export function changedChainSteps(
  before: ReadonlyMap<string, { chain: string | null; place: { x: number; y: number } }>,
  items: readonly AsRanItem[],
): Map<string, { x: number; y: number }> {
  const drawnNow = new Set<string>();
  const changed = new Set<string>();
  for (const item of items) {
    if (item.kind !== "activation") continue;
    drawnNow.add(item.id);
    if (item.activation.segmentId !== null && !before.has(item.id)) changed.add(item.activation.segmentId);
  }
  for (const [id, { chain }] of before) if (chain !== null && !drawnNow.has(id)) changed.add(chain);
  const places = new Map<string, { x: number; y: number }>();
  for (const [id, { chain, place }] of before) if (chain !== null && changed.has(chain) && drawnNow.has(id)) places.set(id, place);
  return places;
}
