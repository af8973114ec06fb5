import { attributeIsOneOf } from "@/collector/normalize/conventions/predicates";
import type { Convention } from "@/collector/normalize/conventions/types";

/**
 * The Langfuse SDKs' own attributes (v3+ send OTLP). `usage_details` is free-form JSON: the
 * OpenAI-style, Anthropic-style and Langfuse's own keys are read. Its `cost_details` is not: a
 * per-type map the user may fill with anything, unlike a cost the instrumentation measured.
 */
export const langfuse: Convention = {
  name: "Langfuse",
  json: [
    {
      attribute: "langfuse.observation.usage_details",
      maxLength: 16_384,
      usage: {
        input: [["input_tokens"], ["input"], ["prompt_tokens"]],
        output: [["output_tokens"], ["output"], ["completion_tokens"]],
        total: [["total_tokens"], ["total"]],
        cacheRead: [["cache_read_input_tokens"], ["input_cached_tokens"], ["input_cache_read"]],
        cacheWrite: [["cache_creation_input_tokens"], ["input_cache_creation"]],
        reasoning: [["output_reasoning"], ["output_reasoning_tokens"], ["reasoning_tokens"]],
      },
    },
  ],
  requestModel: ["langfuse.observation.model.name"],
  input: ["langfuse.observation.input"],
  output: ["langfuse.observation.output"],
  isAggregate: attributeIsOneOf("langfuse.observation.type", ["agent", "chain"]),
};
