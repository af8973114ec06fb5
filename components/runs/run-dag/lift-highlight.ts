import { edgeKey } from "@/lib/runs/edge-key";
import type { LineageHighlight } from "@/lib/runs/lineage";

/**
 * A lineage drawn on a graph with folded boxes: a node hidden in a group or chain lights its box, and an
 * edge with a hidden end lights the drawn edge it was merged into. `boxOf` is the box a node is folded
 * into (undefined when the node is drawn). Unchanged, and O(lineage), when no lineage node is hidden;
 * else one pass over the graph's edges (node names may hold "->", so keys are not parsed back).
 */
export function liftHighlight(
  highlight: LineageHighlight,
  edges: readonly { source: string; target: string }[],
  boxOf: (id: string) => string | undefined,
): LineageHighlight {
  let anyHidden = false;
  const nodeIds = new Set<string>();
  for (const id of highlight.nodeIds) {
    const box = boxOf(id);
    if (box !== undefined) anyHidden = true;
    nodeIds.add(box ?? id);
  }
  if (!anyHidden) return highlight;
  const edgeKeys = new Set<string>();
  for (const e of edges) {
    const key = edgeKey(e.source, e.target);
    if (!highlight.edgeKeys.has(key)) continue;
    const from = boxOf(e.source) ?? e.source;
    const to = boxOf(e.target) ?? e.target;
    // Both ends in one box: the edge is inside it and not drawn.
    if (from !== to || from === e.source) edgeKeys.add(edgeKey(from, to));
  }
  return { nodeIds, edgeKeys };
}
