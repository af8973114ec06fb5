import type { Convention } from "@/collector/normalize/conventions/types";

/**
 * LiteLLM's OTel callback: OTel GenAI names plus the cost it computed. Its usage object
 * (`metadata.usage_object`) is a Python repr, not JSON: not read, since the cost already covers
 * cached tokens and the counts are in `gen_ai.usage.*`.
 */
export const liteLlm: Convention = {
  name: "LiteLLM",
  cost: ["gen_ai.cost.total_cost"],
};
