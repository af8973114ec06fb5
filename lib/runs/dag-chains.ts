// Long chains of a run DAG folded into one segment node each, so a 2,000-step run reads at a glance.
// Pure and O(nodes + edges); the view recomputes it only when the graph or an expand/reveal changes.
import type { DagEdge, DagNode, NodeStatus } from "@/lib/runs/types";

/** A folded stretch of a chain: `nodeIds` in flow order, each with one way in and one way out. */
export interface ChainSegment {
  id: string;
  nodeIds: string[];
  first: string;
  last: string;
  /** Links between the folded nodes: "n17 → … → n480, 463 steps". */
  steps: number;
  /** Worst status inside: running wins over completed (failed nodes are never folded). */
  status: NodeStatus;
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Nanosecond start of the first folded node, so the layout's time order still holds. */
  startTimeUnixNano: string | null;
}

export interface CollapseOptions {
  /** Segment ids the reader opened: their nodes stay drawn. */
  expanded?: ReadonlySet<string>;
  /** Nodes that must stay drawn (searched for, selected); a segment splits around them. */
  pinned?: ReadonlySet<string>;
  /** Chains shorter than this are left alone. */
  minChain?: number;
  /** Nodes kept drawn at each end of a chain, so where it starts and ends reads without opening it. */
  keepEnds?: number;
  /** The fewest nodes worth folding into one segment. */
  minSegment?: number;
  /**
   * How many nodes opening a segment draws; the rest stay folded in a segment of their own (opened
   * in turn by its own id), so one click never draws thousands of cards. Default: all of them.
   */
  openStep?: number;
}

export interface CollapsedDag<E extends DagEdge = DagEdge> {
  nodes: DagNode[];
  segments: ChainSegment[];
  /** Edges with folded ends moved onto their segment; edges inside a segment dropped. */
  edges: E[];
  /** Folded node id → its segment's id. */
  hiddenIn: Map<string, string>;
}

export const MIN_CHAIN = 12;
export const KEEP_ENDS = 2;
export const MIN_SEGMENT = 4;

/** The id a segment starting at `first` gets: stable while only later nodes are revealed. */
export const segmentId = (first: string) => `chain:${first}`;

/**
 * Maximal chains: paths whose every link is the only way out of its source and the only way into
 * its target (distinct neighbours, any edge kind, self-loops aside). Pure cycles have no start and
 * are left out. Each chain has at least two nodes; chains are in the order of their first node.
 */
export function findChains(nodes: readonly Pick<DagNode, "id">[], edges: readonly Pick<DagEdge, "source" | "target">[]): string[][] {
  const known = new Set(nodes.map((n) => n.id));
  const out = new Map<string, Set<string>>();
  const into = new Map<string, Set<string>>();
  for (const { source, target } of edges) {
    if (source === target || !known.has(source) || !known.has(target)) continue;
    addTo(out, source, target);
    addTo(into, target, source);
  }
  const onlyNext = (id: string): string | null => {
    const next = out.get(id);
    if (next?.size !== 1) return null;
    const [t] = next;
    return into.get(t!)!.size === 1 ? t! : null;
  };
  const chains: string[][] = [];
  for (const id of known) {
    const prev = into.get(id);
    // A node continues its predecessor's chain when that link is exclusive both ways.
    if (prev?.size === 1 && onlyNext([...prev][0]!) === id) continue;
    const chain = [id];
    for (let next = onlyNext(id); next !== null && next !== id; next = onlyNext(next)) chain.push(next);
    if (chain.length > 1) chains.push(chain);
  }
  return chains;
}

/** Folds the long stretches of `chains` (from findChains) into segments, leaving the ends, failed and pinned nodes drawn. */
export function collapseChains<E extends DagEdge>(nodes: DagNode[], edges: E[], chains: readonly string[][], options: CollapseOptions = {}): CollapsedDag<E> {
  const { expanded, pinned } = options;
  const minChain = options.minChain ?? MIN_CHAIN;
  const keep = options.keepEnds ?? KEEP_ENDS;
  const minSegment = Math.max(2, options.minSegment ?? MIN_SEGMENT);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const hiddenIn = new Map<string, string>();
  const segments: ChainSegment[] = [];

  const step = Math.max(1, options.openStep ?? Infinity);
  const fold = (run: string[]) => {
    // An opened segment draws its first `step` nodes; what is left folds under the next node's id.
    for (let from = 0; run.length - from >= minSegment; from += step) {
      const id = segmentId(run[from]!);
      if (expanded?.has(id)) continue;
      const rest = from === 0 ? run : run.slice(from);
      segments.push(summarise(id, rest, byId));
      for (const n of rest) hiddenIn.set(n, id);
      return;
    }
  };
  for (const chain of chains) {
    if (chain.length < minChain) continue;
    let run: string[] = [];
    for (const id of chain.slice(keep, chain.length - keep)) {
      if (pinned?.has(id) || byId.get(id)?.status === "failed") {
        fold(run);
        run = [];
      } else run.push(id);
    }
    fold(run);
  }
  if (segments.length === 0) return { nodes, segments, edges, hiddenIn };

  const visible = nodes.filter((n) => !hiddenIn.has(n.id));
  const moved: E[] = [];
  for (const e of edges) {
    const source = hiddenIn.get(e.source) ?? e.source;
    const target = hiddenIn.get(e.target) ?? e.target;
    if (source === target && (hiddenIn.has(e.source) || hiddenIn.has(e.target))) continue;
    moved.push(source === e.source && target === e.target ? e : { ...e, source, target });
  }
  return { nodes: visible, segments, edges: moved, hiddenIn };
}

const STATUS_RANK: Record<NodeStatus, number> = { not_run: 0, completed: 1, running: 2, failed: 3 };

/** The worse of two statuses: failed, then running, then completed, then not run. */
export const worseStatus = (a: NodeStatus, b: NodeStatus): NodeStatus => (STATUS_RANK[b] > STATUS_RANK[a] ? b : a);

function summarise(id: string, nodeIds: string[], byId: Map<string, DagNode>): ChainSegment {
  const segment: ChainSegment = {
    id,
    nodeIds,
    first: nodeIds[0]!,
    last: nodeIds[nodeIds.length - 1]!,
    steps: nodeIds.length - 1,
    status: "not_run",
    durationMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    startTimeUnixNano: byId.get(nodeIds[0]!)?.startTimeUnixNano ?? null,
  };
  for (const nodeId of nodeIds) {
    const n = byId.get(nodeId);
    if (!n) continue;
    segment.status = worseStatus(segment.status, n.status);
    // Each node's own usage: totals include what lies beneath by parent links and would count twice.
    segment.durationMs += n.durationMs;
    segment.inputTokens += n.inputTokens;
    segment.outputTokens += n.outputTokens;
    segment.costUsd += n.costUsd;
  }
  return segment;
}

function addTo(map: Map<string, Set<string>>, key: string, value: string) {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}
