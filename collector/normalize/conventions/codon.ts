import type { Convention } from "@/collector/normalize/conventions/types";
import { isCallWithinNode } from "@/collector/normalize/node";

/** What the Codon SDK sends (see codon-telemetry.md). */
export const codon: Convention = {
  name: "Codon",
  usage: { input: ["codon.tokens.input"], output: ["codon.tokens.output"], total: ["codon.tokens.total"] },
  json: [
    {
      // The provider's raw usage object: OpenAI's token details, Anthropic's cache fields.
      attribute: "codon.tokens.usage_json",
      maxLength: 16_384,
      usage: {
        cacheRead: [["prompt_tokens_details", "cached_tokens"], ["input_tokens_details", "cached_tokens"], ["cache_read_input_tokens"]],
        cacheWrite: [["cache_creation_input_tokens"]],
        reasoning: [["completion_tokens_details", "reasoning_tokens"], ["output_tokens_details", "reasoning_tokens"]],
      },
    },
  ],
  responseModel: ["codon.model.id"],
  provider: ["codon.model.vendor"],
  input: ["codon.node.input"],
  output: ["codon.node.output"],
  // An LLM call inside a node: the node span reports the same usage.
  isAggregate: isCallWithinNode,
};

/** The model pinned in a node's spec: a fallback below every model a call reports. */
export const codonNodeSpec: Convention = {
  name: "Codon node spec",
  requestModel: ["codon.nodespec.model_name"],
  input: ["codon.instrumentation.langgraph.node.inputs"],
  output: ["codon.instrumentation.langgraph.node.outputs"],
};
