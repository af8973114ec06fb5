// Bedrock model ids name the model's maker first ("anthropic.claude-3-5-sonnet-20241022-v2:0"),
// after a cross-region prefix for inference profiles ("us.", "eu.", "global.").
const BEDROCK_MAKERS = ["ai21", "amazon", "anthropic", "cohere", "deepseek", "meta", "mistral", "openai", "qwen", "writer"];
const BEDROCK_REGIONS = ["us", "us-gov", "eu", "apac", "jp", "au", "ca", "global"];
const BEDROCK_ID = new RegExp(`^(?:(?:${BEDROCK_REGIONS.join("|")})\\.)?(?:${BEDROCK_MAKERS.join("|")})\\.[a-z0-9][\\w.-]*(?::\\d+)?$`);

// Vertex AI resource names: ".../publishers/<maker>/models/<model>".
const VERTEX_PUBLISHER = /(?:^|\/)publishers\/([\w-]+)\/models\//;

/**
 * The provider a model id names when no attribute does: a Bedrock id, a Vertex resource name's
 * publisher, or the prefix of "openai/gpt-5-mini" (OpenRouter, LiteLLM, Genkit, Strands); else null.
 */
export function providerFromModelId(model: string): string | null {
  if (BEDROCK_ID.test(model)) return "aws.bedrock";
  const vertex = VERTEX_PUBLISHER.exec(model);
  if (vertex) return vertex[1]!;
  const slash = model.indexOf("/");
  return slash > 0 ? model.slice(0, slash) : null;
}
