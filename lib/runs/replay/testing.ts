import type { LedgerEvent } from "@/lib/runs/types";

const BASE_NS = 1_767_000_000_000_000_000n;

/** A ledger event `i` milliseconds after a fixed start; tests override what they check. */
export function makeLedgerEvent(i: number, overrides: Partial<LedgerEvent> = {}): LedgerEvent {
  const ns = BASE_NS + BigInt(i) * 1_000_000n;
  return {
    id: String(i + 1),
    eventType: "custom",
    timestamp: new Date(Number(ns / 1_000_000n)).toISOString(),
    timeUnixNano: ns.toString(),
    tokenId: null,
    parentTokenId: null,
    sourceNode: null,
    targetNode: null,
    lineage: [],
    metadata: {},
    ...overrides,
  };
}

export const enqueue = (i: number, token: string, source: string, target: string) =>
  makeLedgerEvent(i, { eventType: "token_enqueued", tokenId: token, sourceNode: source, targetNode: target });
export const dequeue = (i: number, token: string, source: string, target: string) =>
  makeLedgerEvent(i, { eventType: "token_dequeued", tokenId: token, sourceNode: source, targetNode: target });

/** Queue contents as token ids per node, for comparing states. */
export function tokensByNode(views: readonly { node: string; entries: readonly { tokenId: string | null }[] }[]): Record<string, (string | null)[]> {
  return Object.fromEntries(views.map((view) => [view.node, view.entries.map((entry) => entry.tokenId)]));
}
