// Nodes that share a role or a name prefix folded into one box with totals, so a run of many similar
// nodes reads as a few. Pure and O(nodes + edges); the view reruns it only when the graph, the
// grouping or the opened groups change. Chain folding (dag-chains.ts) runs on what this returns.
import { worseStatus } from "@/lib/runs/dag-chains";
import type { DagEdge, DagNode, EdgeKind, NodeStatus } from "@/lib/runs/types";

/** What nodes are grouped by: their role, the OTel service their spans came from, or a name prefix. */
export type GroupBy = "role" | "service" | "prefix";
export const GROUP_BYS: readonly GroupBy[] = ["role", "service", "prefix"];

/** `?group=` of the run page: null (no grouping) when absent or unknown. */
export const groupByOf = (param: string | null): GroupBy | null => (GROUP_BYS as readonly (string | null)[]).includes(param) ? (param as GroupBy) : null;

/** A folded group: its members' own figures summed (totals beneath them would count nested nodes twice). */
export interface NodeGroup {
  id: string;
  by: GroupBy;
  /** The role or prefix the members share. */
  key: string;
  nodeIds: string[];
  /** Worst status inside: failed, then running, then completed. */
  status: NodeStatus;
  activations: number;
  /** Summed own durations (activations overlap, so this is work done, not wall time). */
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** Members that failed. */
  failed: number;
  /** The earliest member start, so the layout's time order still holds. */
  startTimeUnixNano: string | null;
}

/** An edge with a group at one end or both: `links` distinct source→target pairs of the graph merged into it. */
export type MergedEdge = DagEdge & { links?: number };

export interface GroupedDag {
  /** Nodes outside folded groups. */
  nodes: DagNode[];
  groups: NodeGroup[];
  /** Edges with folded ends moved onto their group, one per pair; edges inside a group dropped. */
  edges: MergedEdge[];
  /** Folded node id → its group's id. */
  groupOf: Map<string, string>;
}

const SEPARATOR = /[./:_-]/;

/** The part of a name before its first `.`, `/`, `:`, `_` or `-`; null when there is none (or nothing before it). */
export function namePrefix(name: string): string | null {
  const at = name.search(SEPARATOR);
  return at > 0 ? name.slice(0, at) : null;
}

export function groupKey(node: Pick<DagNode, "name" | "role" | "service">, by: GroupBy): string | null {
  if (by === "role") return node.role || null;
  return by === "service" ? node.service || null : namePrefix(node.name);
}

export const groupId = (by: GroupBy, key: string) => `group:${by}:${key}`;

const KIND_TRUST: Record<EdgeKind, number> = { ledger: 0, definition: 1, parent: 2, inferred: 3 };

/** Folds every group of two or more nodes, except those in `opened` (group ids), into one NodeGroup. */
export function groupNodes(nodes: DagNode[], edges: DagEdge[], by: GroupBy, opened?: ReadonlySet<string>): GroupedDag {
  const members = new Map<string, DagNode[]>();
  for (const n of nodes) {
    const key = groupKey(n, by);
    if (key === null) continue;
    const list = members.get(key);
    if (list) list.push(n);
    else members.set(key, [n]);
  }
  const groups: NodeGroup[] = [];
  const groupOf = new Map<string, string>();
  for (const [key, list] of members) {
    const id = groupId(by, key);
    if (list.length < 2 || opened?.has(id)) continue;
    groups.push(summarise(id, by, key, list));
    for (const n of list) groupOf.set(n.id, id);
  }
  if (groups.length === 0) return { nodes, groups, edges, groupOf };
  return { nodes: nodes.filter((n) => !groupOf.has(n.id)), groups, edges: mergeEdges(edges, groupOf), groupOf };
}

/** Edges between drawn nodes stay as they are; the rest move onto their groups, merged per pair (most trusted kind, its counts summed). */
function mergeEdges(edges: DagEdge[], groupOf: Map<string, string>): MergedEdge[] {
  const out: MergedEdge[] = [];
  const merged = new Map<string, MergedEdge>();
  const pairs = new Set<string>();
  for (const e of edges) {
    const source = groupOf.get(e.source) ?? e.source;
    const target = groupOf.get(e.target) ?? e.target;
    if (source === e.source && target === e.target) {
      out.push(e);
      continue;
    }
    if (source === target) continue;
    const key = `${source}\0${target}`;
    const pair = `${e.source}\0${e.target}`;
    const fresh = !pairs.has(pair);
    if (fresh) pairs.add(pair);
    const m = merged.get(key);
    if (!m) {
      const first: MergedEdge = { source, target, kind: e.kind, count: e.count, links: 1 };
      merged.set(key, first);
      out.push(first);
      continue;
    }
    if (fresh) m.links = (m.links ?? 1) + 1;
    const trust = KIND_TRUST[e.kind] - KIND_TRUST[m.kind];
    if (trust < 0) {
      m.kind = e.kind;
      m.count = e.count;
    } else if (trust === 0) m.count += e.count;
  }
  return out;
}

function summarise(id: string, by: GroupBy, key: string, list: DagNode[]): NodeGroup {
  const group: NodeGroup = {
    id,
    by,
    key,
    nodeIds: list.map((n) => n.id),
    status: "not_run",
    activations: 0,
    durationMs: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    failed: 0,
    startTimeUnixNano: null,
  };
  for (const n of list) {
    group.status = worseStatus(group.status, n.status);
    group.activations += n.activations;
    group.durationMs += n.durationMs;
    group.inputTokens += n.inputTokens;
    group.outputTokens += n.outputTokens;
    group.costUsd += n.costUsd;
    if (n.status === "failed") group.failed++;
    if (n.startTimeUnixNano !== null && (group.startTimeUnixNano === null || earlier(n.startTimeUnixNano, group.startTimeUnixNano))) {
      group.startTimeUnixNano = n.startTimeUnixNano;
    }
  }
  return group;
}

// Nanosecond strings compare exactly by length, then lexicographically.
const earlier = (a: string, b: string) => a.length < b.length || (a.length === b.length && a < b);
