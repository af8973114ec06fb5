/** `origin` (and ledger `source_node`) of the tokens that carry the entry payload. */
export const ENTRY_ORIGIN = "__entry__";

/** A unit of work travelling along an edge. Immutable: a node emits new tokens, it never edits one. */
export interface Token<P = unknown> {
  readonly id: string;
  /** The node that emitted the token, or `__entry__`. */
  readonly origin: string;
  readonly parentId: string | null;
  /** Names of the nodes the token's ancestors passed through, oldest first (the Codon wire meaning). */
  readonly lineage: readonly string[];
  /** Ids of the ancestor tokens, oldest first. */
  readonly ancestorIds: readonly string[];
  readonly payload: P;
}

export function entryToken<P>(id: string, payload: P): Token<P> {
  return Object.freeze({ id, origin: ENTRY_ORIGIN, parentId: null, lineage: [], ancestorIds: [], payload });
}

/** The token `node` emits while handling `parent`: lineage grows by the emitting node. */
export function childToken<P>(id: string, parent: Token, node: string, payload: P): Token<P> {
  return Object.freeze({
    id,
    origin: node,
    parentId: parent.id,
    lineage: [...parent.lineage, node],
    ancestorIds: [...parent.ancestorIds, parent.id],
    payload,
  });
}
