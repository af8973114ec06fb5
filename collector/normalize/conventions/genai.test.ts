import { describe, expect, it } from "vitest";
import { mapped } from "@/collector/normalize/conventions/testing";

describe("OTel GenAI and OpenInference", () => {
  it("reads current and older GenAI names, numbers sent as strings", () => {
    const row = mapped({
      "gen_ai.provider.name": "mistral_ai",
      "gen_ai.request.model": "mistral-small",
      "gen_ai.response.model": "mistral-small-2409",
      "gen_ai.usage.input_tokens": " 64 ",
      "gen_ai.usage.completion_tokens": "8",
      "gen_ai.usage.total_tokens": "72",
      "gen_ai.usage.cache_read.input_tokens": "16",
    });
    expect(row).toMatchObject({ model_vendor: "mistral_ai", model_name: "mistral-small-2409", input_tokens: "64", output_tokens: "8", total_tokens: "72", cache_read_tokens: "16" });
  });

  it("prefers gen_ai.provider.name to gen_ai.system", () => {
    expect(mapped({ "gen_ai.provider.name": "aws.bedrock", "gen_ai.system": "anthropic" }).model_vendor).toBe("aws.bedrock");
  });

  it("reads an OpenInference embedding's model and prompt tokens", () => {
    const row = mapped({ "openinference.span.kind": "EMBEDDING", "embedding.model_name": "voyage-3", "llm.token_count.prompt": 21 });
    expect(row).toMatchObject({ model_name: "voyage-3", input_tokens: "21", counts_usage: true });
  });
});
