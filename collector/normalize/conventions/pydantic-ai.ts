import type { Attributes } from "@/collector/decode/model";
import type { Convention } from "@/collector/normalize/conventions/types";

// `model_name` and `agent_name` are too generic to read on every span.
const isPydanticAi = (attributes: Attributes) => "logfire.msg" in attributes || "pydantic_ai.all_messages" in attributes;

/** Pydantic AI (alone or through Logfire): the agent run span names its model and sums the run's usage. */
export const pydanticAi: Convention = {
  name: "Pydantic AI",
  appliesTo: isPydanticAi,
  requestModel: ["model_name"],
  input: ["pydantic_ai.all_messages"],
  output: ["final_result"],
  isAggregate: (_name: string, attributes: Attributes) => typeof attributes["agent_name"] === "string",
};
