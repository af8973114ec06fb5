import { describe, expect, it } from "vitest";
import { mapped } from "@/collector/normalize/conventions/testing";
import { vercelOperation } from "@/collector/normalize/conventions/vercel-ai";

describe("Vercel AI SDK", () => {
  it("takes the operation from ai.operationId, else the first word of operation.name", () => {
    expect(vercelOperation({ "ai.operationId": "ai.streamObject.doStream", "operation.name": "ai.other x" })).toBe("ai.streamObject.doStream");
    expect(vercelOperation({ "operation.name": "ai.embedMany.doEmbed docs-index" })).toBe("ai.embedMany.doEmbed");
    expect(vercelOperation({ "operation.name": "ai.toolCall" })).toBe("ai.toolCall");
    expect(vercelOperation({ "operation.name": "HTTP GET" })).toBeNull();
  });

  it("reads an embedding call's ai.usage.tokens as input, with the provider before the dot", () => {
    const row = mapped({ "operation.name": "ai.embedMany.doEmbed docs-index", "ai.model.id": "text-embedding-3-large", "ai.model.provider": "openai.embedding", "ai.usage.tokens": "731" });
    expect(row).toMatchObject({ model_name: "text-embedding-3-large", model_vendor: "openai", input_tokens: "731", output_tokens: null, total_tokens: "731", counts_usage: true });
  });

  it("reads a provider call's v4 names (strings too) and prefers the response model", () => {
    const row = mapped({
      "ai.operationId": "ai.generateObject.doGenerate",
      "ai.model.id": "claude-3-5-haiku-latest",
      "ai.response.model": "claude-3-5-haiku-20241022",
      "ai.model.provider": "anthropic.messages",
      "ai.usage.promptTokens": "2048",
      "ai.usage.completionTokens": 64,
      "ai.prompt.messages": '[{"role":"user","content":"hi"}]',
      "ai.response.object": '{"ok":true}',
    });
    expect(row).toMatchObject({
      model_name: "claude-3-5-haiku-20241022",
      model_vendor: "anthropic",
      input_tokens: "2048",
      output_tokens: "64",
      total_tokens: "2112",
      counts_usage: true,
      input_text: '[{"role":"user","content":"hi"}]',
      output_text: '{"ok":true}',
    });
  });

  it.each(["ai.generateText", "ai.streamText", "ai.generateObject", "ai.streamObject", "ai.embed", "ai.embedMany"])("leaves the outer %s out of totals", (operation) => {
    expect(mapped({ "ai.operationId": operation, "ai.usage.inputTokens": 5 }).counts_usage).toBe(false);
  });

  it("counts provider calls and tool calls", () => {
    expect(mapped({ "ai.operationId": "ai.streamText.doStream", "ai.usage.inputTokens": 5 }).counts_usage).toBe(true);
    expect(mapped({ "ai.operationId": "ai.toolCall" }).counts_usage).toBe(true);
  });

  it("reads cache counts from the provider metadata when no attribute has them", () => {
    const bedrock = { bedrock: { usage: { cacheReadInputTokens: 900, cacheWriteInputTokens: 12 } } };
    expect(mapped({ "ai.usage.inputTokens": 1000, "ai.response.providerMetadata": JSON.stringify(bedrock) })).toMatchObject({
      cache_read_tokens: "900",
      cache_write_tokens: "12",
    });
    const anthropic = { anthropic: { cacheCreationInputTokens: 77, usage: { cache_read_input_tokens: 3 } } };
    const row = mapped({ "ai.usage.cachedInputTokens": "8", "ai.response.providerMetadata": JSON.stringify(anthropic) });
    expect(row).toMatchObject({ cache_read_tokens: "8", cache_write_tokens: "77" });
  });

  it("does not parse provider metadata past its size bound, nor malformed JSON", () => {
    const big = JSON.stringify({ bedrock: { usage: { cacheReadInputTokens: 5 } }, pad: "x".repeat(20_000) });
    expect(mapped({ "ai.response.providerMetadata": big }).cache_read_tokens).toBeNull();
    expect(mapped({ "ai.response.providerMetadata": '{"bedrock":' }).cache_read_tokens).toBeNull();
  });
});
