import type { Convention } from "@/collector/normalize/conventions/types";

/** Braintrust's OTel ingestion shape: metrics and metadata as JSON strings. */
export const braintrust: Convention = {
  name: "Braintrust",
  json: [
    {
      attribute: "braintrust.metrics",
      maxLength: 16_384,
      usage: {
        input: [["prompt_tokens"]],
        output: [["completion_tokens"]],
        total: [["tokens"]],
        cacheRead: [["prompt_cached_tokens"]],
        cacheWrite: [["prompt_cache_creation_tokens"]],
        reasoning: [["completion_reasoning_tokens"]],
      },
    },
    { attribute: "braintrust.metadata", maxLength: 16_384, model: [["model"]] },
  ],
  input: ["braintrust.input_json", "braintrust.input"],
  output: ["braintrust.output_json", "braintrust.output"],
};
