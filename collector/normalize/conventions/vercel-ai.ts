import type { Attributes } from "@/collector/decode/model";
import type { Convention } from "@/collector/normalize/conventions/types";

/**
 * The Vercel AI SDK's operation: `ai.operationId`, else the first word of `operation.name`
 * ("ai.embed.doEmbed my-function-id"), which is all some exports keep.
 */
export function vercelOperation(attributes: Attributes): string | null {
  const id = attributes["ai.operationId"];
  if (typeof id === "string" && id !== "") return id;
  const name = attributes["operation.name"];
  if (typeof name !== "string" || !name.startsWith("ai.")) return null;
  const space = name.indexOf(" ");
  return space === -1 ? name : name.slice(0, space);
}

// The outer calls: each repeats the usage of the provider calls (`.doGenerate`, `.doStream`,
// `.doEmbed`) it makes, possibly several (steps, retries).
const OUTER_OPERATIONS = new Set(["ai.generateText", "ai.streamText", "ai.generateObject", "ai.streamObject", "ai.embed", "ai.embedMany"]);

const isEmbedding = (attributes: Attributes) => vercelOperation(attributes)?.startsWith("ai.embed") ?? false;

/** An embedding call reports its input as `ai.usage.tokens` (elsewhere that name is the total). */
export const vercelAiEmbedding: Convention = {
  name: "Vercel AI SDK embeddings",
  appliesTo: isEmbedding,
  usage: { input: ["ai.usage.tokens"] },
  input: ["ai.values", "ai.value"],
};

/** Vercel AI SDK `ai.*` attributes (v4 to v6; v7 sends OTel GenAI names too). */
export const vercelAi: Convention = {
  name: "Vercel AI SDK",
  usage: {
    input: ["ai.usage.inputTokens", "ai.usage.promptTokens"],
    output: ["ai.usage.outputTokens", "ai.usage.completionTokens"],
    total: ["ai.usage.totalTokens", "ai.usage.tokens"],
    cacheRead: ["ai.usage.cachedInputTokens", "ai.usage.inputTokenDetails.cacheReadTokens"],
    cacheWrite: ["ai.usage.inputTokenDetails.cacheWriteTokens"],
    reasoning: ["ai.usage.reasoningTokens", "ai.usage.outputTokenDetails.reasoningTokens"],
  },
  json: [
    {
      // Cache writes (and, before `cachedInputTokens`, reads) only in the provider's metadata.
      attribute: "ai.response.providerMetadata",
      maxLength: 16_384,
      usage: {
        cacheRead: [
          ["anthropic", "usage", "cache_read_input_tokens"],
          ["anthropic", "cacheReadInputTokens"],
          ["bedrock", "usage", "cacheReadInputTokens"],
          ["openai", "cachedPromptTokens"],
        ],
        cacheWrite: [
          ["anthropic", "usage", "cache_creation_input_tokens"],
          ["anthropic", "cacheCreationInputTokens"],
          ["bedrock", "usage", "cacheCreationInputTokens"],
          ["bedrock", "usage", "cacheWriteInputTokens"],
        ],
      },
    },
  ],
  responseModel: ["ai.response.model"],
  requestModel: ["ai.model.id"],
  // "openai.chat", "anthropic.messages", "amazon-bedrock": the provider is before the dot.
  provider: ["ai.model.provider"],
  providerOf: (value: string) => value.split(".")[0] || null,
  input: ["ai.prompt.messages", "ai.prompt"],
  output: ["ai.response.text", "ai.response.object", "ai.response.toolCalls"],
  isAggregate: (_name: string, attributes: Attributes) => OUTER_OPERATIONS.has(vercelOperation(attributes) ?? ""),
};
