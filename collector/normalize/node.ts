import type { Attributes, DecodedSpan } from "@/collector/decode/model";
import { firstString } from "@/collector/normalize/attributes";
import { RUN_ID_KEY } from "@/collector/normalize/workload";

export const CODON_NODE_PREFIX = "codon.node.";

/** Span names the Codon SDK and adapters use for spans that are not node activations. */
export const NON_NODE_SPAN_NAMES: ReadonlySet<string> = new Set([
  "agent.graph",
  "agent.llm",
  "agent.tool",
  "agent.workflow",
  "agent.task",
  "agent.run",
]);

/**
 * An LLM call inside a node (`track_llm`, named `agent.llm` or whatever `span_name` the caller
 * chose): it carries its node's `codon.nodespec.id` but not the `codon.nodespec.name` that node
 * spans carry.
 */
export function isCallWithinNode(spanName: string, attributes: Attributes): boolean {
  const sources = [attributes];
  return (
    firstString(sources, ["codon.nodespec.id"]) !== null &&
    firstString(sources, ["codon.nodespec.name"]) === null &&
    !spanName.startsWith(CODON_NODE_PREFIX)
  );
}

/**
 * The workflow node a span is an activation of: `codon.nodespec.name`; else the name after the
 * `codon.node.` prefix (CodonWorkload runtime); else, for a span in a Codon run whose name is
 * not one of the SDK's own span names, the bare span name (the LangGraph adapter); else null.
 */
export function extractNodeName(span: DecodedSpan): string | null {
  const sources = [span.attributes];
  const specName = firstString(sources, ["codon.nodespec.name"]);
  if (specName !== null) return specName;
  if (span.name.startsWith(CODON_NODE_PREFIX) && span.name.length > CODON_NODE_PREFIX.length) {
    return span.name.slice(CODON_NODE_PREFIX.length);
  }
  if (isCallWithinNode(span.name, span.attributes)) return null;
  if (firstString(sources, [RUN_ID_KEY]) !== null && !NON_NODE_SPAN_NAMES.has(span.name) && span.name !== "") {
    return span.name;
  }
  return null;
}

export function extractNodeRole(attributes: Attributes): string | null {
  return firstString([attributes], ["codon.nodespec.role"]);
}

export function extractNodespecId(attributes: Attributes): string | null {
  return firstString([attributes], ["codon.nodespec.id"]);
}
