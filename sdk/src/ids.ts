import { createHash } from "node:crypto";
import { canonicalJson, type JsonValue } from "./canonical-json";
import type { NodeSpec } from "./nodespec-types";

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** The fields of a node spec that its id covers (everything but the id and spec version). */
export type NodeSpecIdentity = Pick<
  NodeSpec,
  "orgNamespace" | "name" | "role" | "callableSignature" | "inputSchema" | "outputSchema" | "modelName" | "modelVersion"
>;

/**
 * Nodespec id, as the Python SDK's `NodeSpec._generate_nodespec_id`: `output_schema` only when
 * present, `model_name` / `model_version` only when non-empty (Python tests truthiness).
 */
export function nodespecId(spec: NodeSpecIdentity): string {
  const fields: Record<string, JsonValue> = {
    callable_signature: spec.callableSignature,
    input_schema: spec.inputSchema,
    name: spec.name,
    role: spec.role,
    org_namespace: spec.orgNamespace,
  };
  if (spec.outputSchema !== null) fields.output_schema = spec.outputSchema;
  if (spec.modelName) fields.model_name = spec.modelName;
  if (spec.modelVersion) fields.model_version = spec.modelVersion;
  return sha256Hex(canonicalJson(fields));
}

export interface Edge {
  readonly source: string;
  readonly target: string;
}

/** What a logic id covers; a `CodonWorkload` is one. Edges name nodes by node name. */
export interface LogicDefinition {
  readonly name: string;
  readonly version: string;
  readonly description?: string | null;
  readonly nodes: readonly NodeSpec[];
  readonly edges: readonly Edge[];
}

/**
 * Logic id, as the Python SDK's `generate_logic_id`: nodes sorted by id, edges (a set, as in
 * Python) sorted by (source id, target id), absent spec fields as null.
 */
export function logicId(definition: LogicDefinition): string {
  const byName = new Map(definition.nodes.map((spec) => [spec.name, spec]));
  const specId = (name: string): string => {
    const spec = byName.get(name);
    if (!spec) throw new RangeError(`edge names node '${name}', which is not among the definition's nodes`);
    return spec.id;
  };
  const unique = new Map(definition.edges.map((edge) => [JSON.stringify([edge.source, edge.target]), edge]));
  const edges = [...unique.values()]
    .map((edge) => ({ source_nodespec_id: specId(edge.source), target_nodespec_id: specId(edge.target) }))
    .sort((a, b) => compare(a.source_nodespec_id, b.source_nodespec_id) || compare(a.target_nodespec_id, b.target_nodespec_id));
  const nodes = [...definition.nodes].sort((a, b) => compare(a.id, b.id)).map(fullSpec);
  const request = {
    agent_class: { name: definition.name, version: definition.version, description: definition.description ?? "" },
    nodes,
    topology: { edges },
  };
  return sha256Hex(canonicalJson(request));
}

function fullSpec(spec: NodeSpec): Record<string, JsonValue> {
  return {
    id: spec.id,
    spec_version: spec.specVersion,
    org_namespace: spec.orgNamespace,
    name: spec.name,
    role: spec.role,
    callable_signature: spec.callableSignature,
    input_schema: spec.inputSchema,
    output_schema: spec.outputSchema,
    model_name: spec.modelName,
    model_version: spec.modelVersion,
  };
}

// Ids are lowercase hex, so plain comparison matches Python's ordering.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `codon.workload.id`: `<slug-of-name>:<version>`, e.g. `qa-agent:0.1.0` (the Python SDK's agent class id). */
export function workloadId(name: string, version: string): string {
  return `${name.trim().toLowerCase().replaceAll(" ", "-")}:${version}`;
}
