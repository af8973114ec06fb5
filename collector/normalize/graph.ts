import type { Attributes, AttributeValue, DecodedSpan } from "@/collector/decode/model";
import type { StaticGraph } from "@/lib/db/types";
import { firstString } from "@/collector/normalize/attributes";
import type { GraphDefinition } from "@/collector/normalize/rows";

export const GRAPH_SPAN_NAME = "agent.graph";
export const GRAPH_DEFINITION_KEY = "codon.graph.definition_json";

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

const stringOrNull = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

/**
 * `{"nodes":[{"name","role","nodespec_id"}...],"edges":[{"source","target"}...]}` as a
 * StaticGraph. Nodes without a string name and edges without two non-empty string ends are dropped; a
 * missing `nodes` or `edges` list is empty. Null when the text is not JSON of an object.
 */
export function parseGraphDefinition(value: AttributeValue | undefined): StaticGraph | null {
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!isRecord(parsed)) return null;
  const rawNodes = Array.isArray(parsed.nodes) ? parsed.nodes : [];
  const rawEdges = Array.isArray(parsed.edges) ? parsed.edges : [];
  const nodes: StaticGraph["nodes"] = [];
  for (const node of rawNodes) {
    if (!isRecord(node) || typeof node.name !== "string" || node.name === "") continue;
    nodes.push({ name: node.name, role: stringOrNull(node.role), nodespecId: stringOrNull(node.nodespec_id) });
  }
  const edges: StaticGraph["edges"] = [];
  for (const edge of rawEdges) {
    const source = stringOrNull(isRecord(edge) ? edge.source : null);
    const target = stringOrNull(isRecord(edge) ? edge.target : null);
    if (source === null || target === null) continue;
    edges.push({ source, target });
  }
  return { nodes, edges };
}

/**
 * The static graph an `agent.graph` span declares, keyed by workload name and logic id (span,
 * else resource attributes). Null for other spans, and when the definition or either key is
 * missing or invalid: the span itself is still stored.
 */
export function extractGraphDefinition(span: DecodedSpan, resource: Attributes, tenantId: string): GraphDefinition | null {
  if (span.name !== GRAPH_SPAN_NAME) return null;
  const sources = [span.attributes, resource];
  const workloadName = firstString(sources, ["codon.workload.name"]);
  const logicId = firstString(sources, ["codon.workload.logic_id"]);
  if (workloadName === null || logicId === null) return null;
  const graph = parseGraphDefinition(span.attributes[GRAPH_DEFINITION_KEY]);
  if (graph === null) return null;
  return {
    tenantId,
    workloadName,
    logicId,
    workloadId: firstString(sources, ["codon.workload.id"]),
    version: firstString(sources, ["codon.workload.version"]),
    graph,
    seenUnixNano: span.startTimeUnixNano,
  };
}
