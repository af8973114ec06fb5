import { describe, expect, it } from "vitest";
import { libraryPrice, type PricedUsage } from "@/lib/costs/pricing/library-prices";

const at = new Date("2026-11-01T00:00:00Z");
const call = (vendor: string | null, model: string): PricedUsage => ({ vendor, model, inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, at });

// Ids as gateways, frameworks and clouds write them, priced through the library's own matching.
describe("libraryPrice with provider-prefixed, Bedrock and Vertex ids", () => {
  it("prices a provider-prefixed id as the provider's model, whatever vendor the span named", () => {
    const plain = libraryPrice(call("anthropic", "claude-3-5-haiku-20241022"));
    expect(plain).not.toBeNull();
    for (const vendor of [null, "anthropic", "strands-agents"]) {
      const prefixed = libraryPrice(call(vendor, "anthropic/claude-3-5-haiku-20241022"));
      expect(prefixed?.costUsd, `vendor ${vendor}`).toBe(plain!.costUsd);
    }
  });

  it("prices a Bedrock id under the AWS provider, from the GenAI or the Vercel provider name", () => {
    for (const vendor of ["aws.bedrock", "amazon-bedrock", "bedrock"]) {
      expect(libraryPrice(call(vendor, "anthropic.claude-3-haiku-20240307-v1:0"))?.providerId, vendor).toBe("aws");
    }
  });

  it("prices a Vertex-style versioned id", () => {
    expect(libraryPrice(call("gcp.vertex_ai", "claude-3-5-sonnet-v2@20241022"))).not.toBeNull();
  });

  it("leaves a model the library does not know unpriced, prefixed or not", () => {
    expect(libraryPrice(call(null, "acme/house-model-7b"))).toBeNull();
    expect(libraryPrice(call("openai", "openai/not-a-model"))).toBeNull();
  });
});
