import { attributeIsOneOf } from "@/collector/normalize/conventions/predicates";
import type { Convention } from "@/collector/normalize/conventions/types";

/** OpenInference (Arize Phoenix instrumentations). `llm.model_name` is the model that answered. */
export const openInference: Convention = {
  name: "OpenInference",
  usage: {
    input: ["llm.token_count.prompt"],
    output: ["llm.token_count.completion"],
    total: ["llm.token_count.total"],
    cacheRead: ["llm.token_count.prompt_details.cache_read"],
    cacheWrite: ["llm.token_count.prompt_details.cache_write"],
    reasoning: ["llm.token_count.completion_details.reasoning"],
  },
  responseModel: ["llm.model_name", "embedding.model_name"],
  provider: ["llm.provider"],
  input: ["input.value"],
  output: ["output.value"],
  // Agents and chains sum their children's usage.
  isAggregate: attributeIsOneOf("openinference.span.kind", ["AGENT", "CHAIN"], (kind) => kind.toUpperCase()),
};
