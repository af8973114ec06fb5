import { attributeIsOneOf } from "@/collector/normalize/conventions/predicates";
import type { Convention } from "@/collector/normalize/conventions/types";

/**
 * OpenLLMetry / Traceloop (and LiteLLM's OTel callback, which shares its names): Anthropic-style
 * cache counts and the older total.
 */
export const openLlmetry: Convention = {
  name: "OpenLLMetry",
  usage: {
    total: ["llm.usage.total_tokens"],
    cacheRead: ["gen_ai.usage.cache_read_input_tokens"],
    cacheWrite: ["gen_ai.usage.cache_creation_input_tokens"],
  },
  input: ["traceloop.entity.input"],
  output: ["traceloop.entity.output"],
  isAggregate: attributeIsOneOf("traceloop.span.kind", ["workflow", "agent"]),
};
