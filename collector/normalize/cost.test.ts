import { describe, expect, it } from "vitest";
import { spanCost } from "@/collector/normalize/cost";
import { extractUsage, usageJsonCount } from "@/collector/normalize/usage";

const NOV_2026 = BigInt(Date.parse("2026-11-01T00:00:00Z")) * 1_000_000n;

describe("spanCost", () => {
  it("prices usage with cache tokens from codon.tokens.usage_json", () => {
    const usage = extractUsage({
      "codon.tokens.input": 2_000,
      "codon.tokens.output": 100,
      "codon.tokens.usage_json": JSON.stringify({ prompt_tokens: 2_000, completion_tokens: 100, prompt_tokens_details: { cached_tokens: 1_500 } }),
    });
    expect(usage.cache_read_tokens).toBe("1500");
    const cost = spanCost(usage, null, "openai", "gpt-4o-mini-2024-07-18", NOV_2026);
    // 500 uncached × $0.15 + 1,500 cached × $0.075 + 100 out × $0.60, per 1M tokens.
    expect(cost.cost_source).toBe("price_library");
    expect(Math.abs(Number(cost.cost_usd) - (500 * 0.15 + 1_500 * 0.075 + 100 * 0.6) / 1e6)).toBeLessThan(1e-9);
  });

  it("keeps a reported cost and prices nothing without tokens or a model", () => {
    const usage = extractUsage({ "gen_ai.usage.input_tokens": 10 });
    expect(spanCost(usage, "0.25", "openai", "gpt-4o", NOV_2026)).toEqual({ cost_usd: "0.25", cost_source: "reported" });
    expect(spanCost(usage, null, "openai", null, NOV_2026)).toEqual({ cost_usd: null, cost_source: null });
    expect(spanCost(extractUsage({}), null, "openai", "gpt-4o", NOV_2026)).toEqual({ cost_usd: null, cost_source: null });
  });

  it("reads Anthropic's cache fields and ignores malformed usage JSON", () => {
    const anthropic = { "codon.tokens.usage_json": JSON.stringify({ input_tokens: 10, cache_read_input_tokens: 300, cache_creation_input_tokens: 40 }) };
    expect(extractUsage(anthropic)).toMatchObject({ cache_read_tokens: "300", cache_write_tokens: "40" });
    expect(usageJsonCount({ "codon.tokens.usage_json": "{not json" }, [["cache_read_input_tokens"]])).toBeNull();
    expect(usageJsonCount({ "codon.tokens.usage_json": JSON.stringify({ cache_read_input_tokens: -3 }) }, [["cache_read_input_tokens"]])).toBeNull();
  });
});
