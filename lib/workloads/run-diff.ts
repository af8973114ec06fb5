// Two runs side by side: their DAG nodes aligned by name (a generic trace's spans of one name
// are summed into one row), edges by (source, target). Pure: built from two run DAGs.

import type { DagEdge, DagNode, NodeStatus, RunDag } from "@/lib/runs/types";
import type { Change, RunComparison, RunEdgeComparison, RunNodeComparison, RunNodeSide } from "@/lib/workloads/types";

const STATUS_RANK: Record<NodeStatus, number> = { failed: 3, running: 2, completed: 1, not_run: 0 };

function sidesByName(nodes: DagNode[]): Map<string, RunNodeSide> {
  const byName = new Map<string, RunNodeSide>();
  for (const node of nodes) {
    const known = byName.get(node.name);
    if (!known) {
      byName.set(node.name, {
        status: node.status,
        nodespecId: node.nodespecId,
        activations: node.activations,
        durationMs: node.durationMs,
        inputTokens: node.inputTokens,
        outputTokens: node.outputTokens,
        costUsd: node.costUsd,
        errorMessage: node.errorMessage,
        nodeId: node.id,
      });
      continue;
    }
    known.activations += node.activations;
    known.durationMs += node.durationMs;
    known.inputTokens += node.inputTokens;
    known.outputTokens += node.outputTokens;
    known.costUsd += node.costUsd;
    if (STATUS_RANK[node.status] > STATUS_RANK[known.status]) known.status = node.status;
    known.errorMessage ??= node.errorMessage;
    known.nodespecId ??= node.nodespecId;
  }
  return byName;
}

/** A node that did not fire in a run is absent from it for the comparison. */
const fired = (side: RunNodeSide | undefined) => (side && side.status !== "not_run" ? side : undefined);

function change(a: RunNodeSide | undefined, b: RunNodeSide | undefined): Change {
  if (!fired(a)) return "added";
  if (!fired(b)) return "removed";
  return a!.nodespecId !== null && b!.nodespecId !== null && a!.nodespecId !== b!.nodespecId ? "changed" : "unchanged";
}

/** Order: first start in run b, then run a; a node that fired in neither run is left out. */
export function alignRunNodes(a: RunDag, b: RunDag): RunNodeComparison[] {
  const sidesA = sidesByName(a.nodes);
  const sidesB = sidesByName(b.nodes);
  const order = new Map<string, number>();
  for (const node of [...b.nodes, ...a.nodes].filter((n) => n.status !== "not_run")) {
    if (!order.has(node.name)) order.set(node.name, order.size);
  }
  return [...order.keys()].map((name) => {
    const sideA = sidesA.get(name);
    const sideB = sidesB.get(name);
    return { name, change: change(sideA, sideB), a: sideA ?? null, b: sideB ?? null };
  });
}

function edgeCounts(edges: DagEdge[]): Map<string, { source: string; target: string; count: number }> {
  const counts = new Map<string, { source: string; target: string; count: number }>();
  for (const edge of edges) {
    // Not-taken definition edges were not part of what the run did.
    if (edge.kind === "definition" && edge.count === 0) continue;
    const key = `${edge.source}\u001f${edge.target}`;
    const known = counts.get(key);
    if (known) known.count += Math.max(edge.count, 1);
    else counts.set(key, { source: edge.source, target: edge.target, count: Math.max(edge.count, 1) });
  }
  return counts;
}

/** Edges traversed in either run, by node name (generic traces: span ids mapped to names). */
export function alignRunEdges(a: RunDag, b: RunDag): RunEdgeComparison[] {
  const named = (dag: RunDag) => {
    const names = new Map(dag.nodes.map((n) => [n.id, n.name]));
    return dag.edges.map((e) => ({ ...e, source: names.get(e.source) ?? e.source, target: names.get(e.target) ?? e.target }));
  };
  const countsA = edgeCounts(named(a));
  const countsB = edgeCounts(named(b));
  const keys = [...new Set([...countsA.keys(), ...countsB.keys()])];
  return keys.map((key) => {
    const edgeA = countsA.get(key);
    const edgeB = countsB.get(key);
    const edge = (edgeA ?? edgeB)!;
    return {
      source: edge.source,
      target: edge.target,
      change: !edgeA ? "added" : !edgeB ? "removed" : "unchanged",
      countA: edgeA?.count ?? 0,
      countB: edgeB?.count ?? 0,
    };
  });
}

export function compareRunDags(a: RunDag, b: RunDag): RunComparison {
  return {
    a: a.run,
    b: b.run,
    sameVersion: a.run.logicId !== null && a.run.logicId === b.run.logicId,
    nodes: alignRunNodes(a, b),
    edges: alignRunEdges(a, b),
  };
}
