import type { Attributes } from "@/collector/decode/model";
import type { Convention } from "@/collector/normalize/conventions/types";

/** Genkit's action content, for every action (flows, tools, models). */
export const genkit: Convention = {
  name: "Genkit",
  input: ["genkit:input"],
  output: ["genkit:output"],
};

// Only a model action is named after its model ("openai/gpt-5-mini"); flows carry their own name.
const isModelAction = (attributes: Attributes) => attributes["genkit:metadata:subtype"] === "model";

/** A Genkit model action: the model is its name, the usage inside its JSON output. */
export const genkitModel: Convention = {
  name: "Genkit model action",
  appliesTo: isModelAction,
  json: [
    {
      // The output repeats the request's messages: allow a long conversation.
      attribute: "genkit:output",
      maxLength: 262_144,
      usage: {
        input: [["usage", "inputTokens"]],
        output: [["usage", "outputTokens"]],
        total: [["usage", "totalTokens"]],
        cacheRead: [["usage", "cachedContentTokens"]],
        reasoning: [["usage", "thoughtsTokens"]],
      },
    },
  ],
  requestModel: ["genkit:name"],
};
