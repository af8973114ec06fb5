// What a graph view hands React Flow again after a change, so that only what changed renders.
import type { Node, NodeProps } from "@xyflow/react";

/**
 * Props compare for a memoized card: React Flow also hands each node its place
 * (positionAbsoluteX/Y), and opening a chain or sliding a window moves every card after it; compared
 * with this, a card that only moved keeps its contents and React Flow moves its wrapper.
 */
export function sameCardContent(before: NodeProps, after: NodeProps): boolean {
  return before.id === after.id && before.data === after.data && before.sourcePosition === after.sourcePosition && before.targetPosition === after.targetPosition;
}

/**
 * `next` with what did not change taken from `previous` (by id), where `sameData` says two nodes
 * show the same thing: the previous node object when it also stayed put, else a node at its new
 * place that keeps the previous data object (see `sameCardContent`).
 */
export function keepUnchanged<N extends Node>(next: readonly N[], previous: ReadonlyMap<string, N>, sameData: (before: N, after: N) => boolean): N[] {
  return next.map((node) => {
    const before = previous.get(node.id);
    if (!before || before.type !== node.type || before.sourcePosition !== node.sourcePosition || before.targetPosition !== node.targetPosition || !sameData(before, node)) return node;
    if (before.position.x === node.position.x && before.position.y === node.position.y) return before;
    return { ...node, data: before.data };
  });
}
