import type { Attributes } from "@/collector/decode/model";
import type { Convention } from "@/collector/normalize/conventions/types";

// Agents and chains sum their children's usage.
const AGGREGATE_KINDS = new Set(["AGENT", "CHAIN"]);

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
  isAggregate: (_name: string, attributes: Attributes) => {
    const kind = attributes["openinference.span.kind"];
    return typeof kind === "string" && AGGREGATE_KINDS.has(kind.toUpperCase());
  },
};
