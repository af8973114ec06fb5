import { describe, expect, it } from "vitest";
import { inputIncludingCache, libraryPrice, MAX_PRICED_NAME_LENGTH, pricingCacheStats, providerIdFor, type PricedUsage } from "@/lib/costs/pricing/library-prices";

const at = new Date("2026-11-01T00:00:00Z");
const usage = (overrides: Partial<PricedUsage>): PricedUsage => ({
  vendor: "openai",
  model: "gpt-4o-mini-2024-07-18",
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  at,
  ...overrides,
});

// Hand-computed from the providers' list prices (USD per million tokens).
describe("libraryPrice", () => {
  it("prices gpt-4o-mini: $0.15 in, $0.075 cached in, $0.60 out", () => {
    const price = libraryPrice(usage({ inputTokens: 1_000, outputTokens: 200, cacheReadTokens: 500 }));
    // 500 uncached × 0.15 + 500 cached × 0.075 + 200 × 0.60, per 1M.
    const expected = (500 * 0.15 + 500 * 0.075 + 200 * 0.6) / 1e6;
    expect(Math.abs(Number(price!.costUsd) - expected)).toBeLessThan(1e-9);
    expect(price).toMatchObject({ providerId: "openai", modelId: "gpt-4o-mini" });
  });

  it("prices Claude 3.5 Sonnet with cache writes and reads: $3 in, $3.75 write, $0.30 read, $15 out", () => {
    const price = libraryPrice(
      usage({ vendor: "anthropic", model: "claude-3-5-sonnet-20241022", inputTokens: 10_000, outputTokens: 1_000, cacheReadTokens: 4_000, cacheWriteTokens: 2_000 }),
    );
    const expected = (4_000 * 3 + 2_000 * 3.75 + 4_000 * 0.3 + 1_000 * 15) / 1e6;
    expect(Math.abs(Number(price!.costUsd) - expected)).toBeLessThan(1e-9);
  });

  it("adds cache counts to an input that cannot include them (Anthropic's raw usage)", () => {
    expect(inputIncludingCache({ inputTokens: 100, cacheReadTokens: 4_000, cacheWriteTokens: 0 })).toBe(4_100);
    expect(inputIncludingCache({ inputTokens: 5_000, cacheReadTokens: 4_000, cacheWriteTokens: 0 })).toBe(5_000);
    const raw = libraryPrice(usage({ vendor: "anthropic", model: "claude-3-5-sonnet-20241022", inputTokens: 100, cacheReadTokens: 4_000 }));
    expect(Math.abs(Number(raw!.costUsd) - (100 * 3 + 4_000 * 0.3) / 1e6)).toBeLessThan(1e-9);
  });

  it("finds the provider from GenAI provider names, or from the model alone", () => {
    expect(providerIdFor("gcp.vertex_ai")).toBe("google");
    expect(providerIdFor("aws.bedrock")).toBe("aws");
    expect(providerIdFor("OpenAI")).toBe("openai");
    expect(providerIdFor("no-such-vendor")).toBeUndefined();
    expect(libraryPrice(usage({ vendor: null, model: "gpt-4o-mini", inputTokens: 1_000_000 }))!.costUsd).toBe("0.1500000000");
  });

  it("returns null for a model it has no price for, every time", () => {
    expect(libraryPrice(usage({ model: "acme-llm-9000", inputTokens: 10 }))).toBeNull();
    expect(libraryPrice(usage({ model: "acme-llm-9000", inputTokens: 10 }))).toBeNull();
  });

  it("never prices or remembers a vendor or model name longer than the limit", () => {
    const before = pricingCacheStats();
    const long = `gpt-4o-mini${"x".repeat(MAX_PRICED_NAME_LENGTH)}`;
    expect(libraryPrice(usage({ model: long, inputTokens: 10 }))).toBeNull();
    expect(libraryPrice(usage({ vendor: `openai${" ".repeat(MAX_PRICED_NAME_LENGTH)}`, model: "gpt-4o-mini", inputTokens: 10 }))).toBeNull();
    expect(providerIdFor("x".repeat(MAX_PRICED_NAME_LENGTH + 1))).toBeUndefined();
    expect(pricingCacheStats()).toEqual(before);
  });

  it("stays within its entry and byte bounds under a flood of distinct names", () => {
    for (let i = 0; i < 30_000; i++) {
      const name = `${i}-${"m".repeat(200)}`;
      libraryPrice(usage({ vendor: `vendor-${i}-${"v".repeat(200)}`, model: name, inputTokens: 1 }));
    }
    const stats = pricingCacheStats();
    expect(stats.entries).toBeLessThanOrEqual(20_000);
    expect(stats.bytes).toBeLessThanOrEqual(8 * 1024 * 1024);
  });
});
