import { edgeKey } from "@/lib/runs/edge-key";
import type { LedgerEvent } from "@/lib/runs/types";

/** `source_node` of the tokens that carry a run's entry payload (the Codon ledger's name for "outside the graph"). */
export const ENTRY_NODE = "__entry__";

export interface LineageHighlight {
  nodeIds: ReadonlySet<string>;
  edgeKeys: ReadonlySet<string>;
}

export { edgeKey };

/**
 * The path a token took to where it is: the token, its parent, its parent's parent... each
 * enqueued from one node to the next. Nodes named in a token's `lineage` join the path too.
 * Computed once per selection, so highlighting costs nothing per hover.
 */
export function tokenLineage(events: readonly LedgerEvent[], tokenId: string): LineageHighlight {
  const enqueues = new Map<string, LedgerEvent>();
  const parents = new Map<string, string>();
  const lineages = new Map<string, string[]>();
  for (const event of events) {
    if (!event.tokenId) continue;
    if (event.eventType === "token_enqueued" && !enqueues.has(event.tokenId)) enqueues.set(event.tokenId, event);
    if (event.parentTokenId && !parents.has(event.tokenId)) parents.set(event.tokenId, event.parentTokenId);
    if (event.lineage.length > (lineages.get(event.tokenId)?.length ?? 0)) lineages.set(event.tokenId, event.lineage);
  }
  const nodeIds = new Set<string>();
  const edgeKeys = new Set<string>();
  const visited = new Set<string>();
  for (let token: string | undefined = tokenId; token && !visited.has(token); token = parents.get(token)) {
    visited.add(token);
    const enqueue = enqueues.get(token);
    const source = enqueue?.sourceNode;
    const target = enqueue?.targetNode;
    if (target && target !== ENTRY_NODE) nodeIds.add(target);
    if (source && source !== ENTRY_NODE) nodeIds.add(source);
    if (source && target && source !== ENTRY_NODE && target !== ENTRY_NODE) edgeKeys.add(edgeKey(source, target));
    const lineage = lineages.get(token) ?? [];
    lineage.forEach((node, i) => {
      if (node === ENTRY_NODE) return;
      nodeIds.add(node);
      const previous = lineage[i - 1];
      if (previous && previous !== ENTRY_NODE) edgeKeys.add(edgeKey(previous, node));
    });
  }
  return { nodeIds, edgeKeys };
}
