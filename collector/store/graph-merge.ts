import type { StaticGraph } from "@/lib/db/types";

/**
 * Union of two static graphs: nodes by name (the more complete description wins), edges by
 * source -> target. Pure, so versions accumulate definitions and observed edges in any order.
 */
export function mergeGraphs(base: StaticGraph, addition: StaticGraph): StaticGraph {
  const nodes = new Map(base.nodes.map((node) => [node.name, node]));
  for (const node of addition.nodes) {
    const known = nodes.get(node.name);
    nodes.set(node.name, {
      name: node.name,
      role: node.role ?? known?.role ?? null,
      nodespecId: node.nodespecId ?? known?.nodespecId ?? null,
    });
  }
  const edges = new Map(base.edges.map((edge) => [`${edge.source}\u0000${edge.target}`, edge]));
  for (const edge of addition.edges) {
    edges.set(`${edge.source}\u0000${edge.target}`, edge);
    // An observed edge implies its endpoints are nodes of the graph.
    for (const name of [edge.source, edge.target]) {
      if (!nodes.has(name)) nodes.set(name, { name, role: null, nodespecId: null });
    }
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}

export function sameGraph(a: StaticGraph, b: StaticGraph): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const EMPTY_GRAPH: StaticGraph = { nodes: [], edges: [] };
