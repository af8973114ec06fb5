import { attributeIsOneOf } from "@/collector/normalize/conventions/predicates";
import type { Convention } from "@/collector/normalize/conventions/types";

// Agent and tool operations repeat the usage of the calls they make.
const AGGREGATE_OPERATIONS = ["invoke_agent", "create_agent", "execute_tool"];

/** OTel GenAI semantic conventions, current names first, then the older ones SDKs still send. */
export const genAi: Convention = {
  name: "OTel GenAI",
  usage: {
    input: ["gen_ai.usage.input_tokens", "gen_ai.usage.prompt_tokens"],
    output: ["gen_ai.usage.output_tokens", "gen_ai.usage.completion_tokens"],
    total: ["gen_ai.usage.total_tokens"],
    cacheRead: ["gen_ai.usage.cache_read.input_tokens"],
    cacheWrite: ["gen_ai.usage.cache_creation.input_tokens"],
    reasoning: ["gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens"],
  },
  responseModel: ["gen_ai.response.model"],
  requestModel: ["gen_ai.request.model"],
  provider: ["gen_ai.provider.name", "gen_ai.system"],
  input: ["gen_ai.input.messages", "gen_ai.tool.call.arguments"],
  output: ["gen_ai.output.messages", "gen_ai.tool.call.result"],
  isAggregate: attributeIsOneOf("gen_ai.operation.name", AGGREGATE_OPERATIONS),
};
