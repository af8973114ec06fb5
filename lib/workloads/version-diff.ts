// The exact diff of two versions of a workload: nodes matched by name, a node "changed" when its
// nodespec id differs (the id hashes signature, role, model and schemas; the specs say which),
// edges by (source, target). Pure: the queries gather the inputs.

import type { StaticGraph } from "@/lib/db/types";
import type { Change, EdgeComparison, NodeComparison, NodeMetrics, SpecField } from "@/lib/workloads/types";

/** The parts of a node spec that go into its id, as stored in node_specs. */
export interface SpecFields {
  role: string | null;
  callableSignature: string | null;
  modelName: string | null;
  modelVersion: string | null;
  inputSchema: string | null;
  outputSchema: string | null;
  specVersion: string | null;
  orgNamespace: string | null;
}

/** A node of one version as observed in its runs (after folding LLM calls into their node). */
export interface ObservedNode {
  name: string;
  role: string | null;
  nodespecId: string | null;
  metrics: NodeMetrics;
}

export interface VersionDiffInput {
  graphA: StaticGraph;
  graphB: StaticGraph;
  observedA: ObservedNode[];
  observedB: ObservedNode[];
  specs: ReadonlyMap<string, SpecFields>;
}

interface Side {
  role: string | null;
  nodespecId: string | null;
  metrics: NodeMetrics | null;
}

/** Every node of a version: its static graph plus anything that fired without being defined. */
function nodesOf(graph: StaticGraph, observed: ObservedNode[]): Map<string, Side> {
  const nodes = new Map<string, Side>();
  for (const node of graph.nodes) nodes.set(node.name, { role: node.role, nodespecId: node.nodespecId, metrics: null });
  for (const node of observed) {
    const known = nodes.get(node.name);
    if (known) {
      known.metrics = node.metrics;
      known.role ??= node.role;
      known.nodespecId ??= node.nodespecId;
    } else {
      nodes.set(node.name, { role: node.role, nodespecId: node.nodespecId, metrics: node.metrics });
    }
  }
  return nodes;
}

const FIELD_CHECKS: [SpecField, (s: SpecFields) => string | null][] = [
  ["signature", (s) => s.callableSignature],
  ["role", (s) => s.role],
  ["model", (s) => (s.modelName === null && s.modelVersion === null ? null : `${s.modelName ?? ""}@${s.modelVersion ?? ""}`)],
  ["input schema", (s) => s.inputSchema],
  ["output schema", (s) => s.outputSchema],
  ["spec version", (s) => s.specVersion],
  ["namespace", (s) => s.orgNamespace],
];

/** Which spec fields differ; empty when either spec is not on record. */
export function changedSpecFields(a: SpecFields | undefined, b: SpecFields | undefined): SpecField[] {
  if (!a || !b) return [];
  return FIELD_CHECKS.filter(([, read]) => read(a) !== read(b)).map(([field]) => field);
}

function nodeChange(a: Side | undefined, b: Side | undefined): Change {
  if (!a) return "added";
  if (!b) return "removed";
  if (a.nodespecId !== null && b.nodespecId !== null && a.nodespecId !== b.nodespecId) return "changed";
  // Without nodespec ids only the role can tell a difference.
  if ((a.nodespecId === null || b.nodespecId === null) && a.role !== null && b.role !== null && a.role !== b.role) return "changed";
  return "unchanged";
}

const CHANGE_ORDER: Record<Change, number> = { changed: 0, added: 1, removed: 2, unchanged: 3 };

/** Nodes of both versions, changes first, then by name. */
export function diffNodes(input: VersionDiffInput): NodeComparison[] {
  const a = nodesOf(input.graphA, input.observedA);
  const b = nodesOf(input.graphB, input.observedB);
  const names = [...new Set([...a.keys(), ...b.keys()])];
  const nodes = names.map((name): NodeComparison => {
    const sideA = a.get(name);
    const sideB = b.get(name);
    const change = nodeChange(sideA, sideB);
    let changedFields: SpecField[] = [];
    if (change === "changed") {
      const specA = sideA?.nodespecId ? input.specs.get(sideA.nodespecId) : undefined;
      const specB = sideB?.nodespecId ? input.specs.get(sideB.nodespecId) : undefined;
      changedFields = specA && specB ? changedSpecFields(specA, specB) : sideA?.role !== sideB?.role ? ["role"] : [];
    }
    return {
      name,
      change,
      changedFields,
      role: sideB?.role ?? sideA?.role ?? null,
      nodespecIdA: sideA?.nodespecId ?? null,
      nodespecIdB: sideB?.nodespecId ?? null,
      a: sideA ? (sideA.metrics ?? emptyMetrics()) : null,
      b: sideB ? (sideB.metrics ?? emptyMetrics()) : null,
    };
  });
  return nodes.sort((x, y) => CHANGE_ORDER[x.change] - CHANGE_ORDER[y.change] || x.name.localeCompare(y.name));
}

/** A node of the version that never fired in the compared runs. */
export function emptyMetrics(): NodeMetrics {
  return { activations: 0, runCount: 0, p50Ms: null, p95Ms: null, errorRate: null, avgTokens: null, avgCostUsd: null };
}

const edgeId = (edge: { source: string; target: string }) => `${edge.source}\u001f${edge.target}`;

/** Edges of both static graphs: added (only in b), removed (only in a), unchanged. */
export function diffEdges(graphA: StaticGraph, graphB: StaticGraph): EdgeComparison[] {
  const inA = new Set(graphA.edges.map(edgeId));
  const inB = new Set(graphB.edges.map(edgeId));
  const seen = new Set<string>();
  const edges: EdgeComparison[] = [];
  for (const edge of [...graphA.edges, ...graphB.edges]) {
    const id = edgeId(edge);
    if (seen.has(id)) continue;
    seen.add(id);
    const change = !inA.has(id) ? "added" : !inB.has(id) ? "removed" : "unchanged";
    edges.push({ source: edge.source, target: edge.target, change });
  }
  return edges;
}
