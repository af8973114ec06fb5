// What the DAG shows for one replay step: the node it is about and the hand-off the token makes.
import { edgeKey, ENTRY_NODE } from "@/lib/runs/lineage";
import type { LedgerEvent } from "@/lib/runs/types";

export type ReplayPhase = "enqueue" | "dequeue" | "completed" | "failed" | "stopped" | "event";

export interface ReplayFocus {
  index: number;
  phase: ReplayPhase;
  /** The target of an enqueue or dequeue; else the node the event names (source first). */
  node: string | null;
  /** The edge the token travels (enqueue) or leaves its queue by (dequeue), when both ends are nodes. */
  edge: { source: string; target: string; key: string } | null;
  /** The nodes the step involves: drawn at full strength, the rest dimmed. */
  nodes: ReadonlySet<string>;
  tokenId: string | null;
}

const PHASES: Record<string, ReplayPhase> = {
  token_enqueued: "enqueue",
  token_dequeued: "dequeue",
  node_completed: "completed",
  node_failed: "failed",
  runtime_stopped: "stopped",
};

const node = (name: string | null): string | null => (name && name !== ENTRY_NODE ? name : null);

export function replayFocus(event: LedgerEvent, index: number): ReplayFocus {
  const phase = PHASES[event.eventType] ?? "event";
  const source = node(event.sourceNode);
  const target = node(event.targetNode);
  const handOff = phase === "enqueue" || phase === "dequeue";
  const focus = handOff ? target : (source ?? target);
  const edge = handOff && source && target ? { source, target, key: edgeKey(source, target) } : null;
  const nodes = new Set<string>();
  if (focus) nodes.add(focus);
  if (edge) nodes.add(edge.source);
  return { index, phase, node: focus, edge, nodes, tokenId: event.tokenId };
}
