import { describe, expect, it } from "vitest";
import { MAX_PRICED_NAME_LENGTH } from "@/lib/costs/pricing/library-prices";
import type { OverridePrice } from "@/lib/costs/pricing/overrides";
import { makeSpan } from "@/lib/db/testing/fixtures";
import type { NewSpan } from "@/lib/db/types";
import { extractUsage } from "@/collector/normalize/usage";
import { priceSpans, spanCost } from "@/collector/store/price-spans";

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

  it("leaves a span with an over-long model or vendor name unpriced, even with an override for its prefix", () => {
    const usage = extractUsage({ "gen_ai.usage.input_tokens": 10 });
    const padded = `gpt-4o${" ".repeat(MAX_PRICED_NAME_LENGTH)}`;
    const override: OverridePrice = { id: "1", provider: null, model: "gpt-4o", effectiveFromMs: 0, inputUsdPerMtok: 1, outputUsdPerMtok: 1, cacheReadUsdPerMtok: null, cacheWriteUsdPerMtok: null };
    expect(spanCost(usage, null, "openai", padded, NOV_2026, [override])).toEqual({ cost_usd: null, cost_source: null });
    expect(spanCost(usage, null, "o".repeat(MAX_PRICED_NAME_LENGTH + 1), "gpt-4o", NOV_2026)).toEqual({ cost_usd: null, cost_source: null });
    expect(spanCost(usage, null, "openai", "gpt-4o", NOV_2026, [override]).cost_source).toBe("override");
  });
});

describe("priceSpans", () => {
  const call = (extra: Partial<NewSpan>) =>
    makeSpan({ model_vendor: "openai", model_name: "gpt-4o", input_tokens: "100", output_tokens: "20", start_time_unix_nano: NOV_2026.toString(), ...extra });
  const override: OverridePrice = {
    id: "1",
    provider: null,
    model: "gpt-4o",
    effectiveFromMs: Date.parse("2026-10-01T00:00:00Z"),
    inputUsdPerMtok: 1,
    outputUsdPerMtok: 4,
    cacheReadUsdPerMtok: null,
    cacheWriteUsdPerMtok: null,
  };

  it("decides reported > override > library > unpriced, per tenant", () => {
    const spans = [
      call({ span_id: "1", cost_usd: "0.25" }),
      call({ span_id: "2" }),
      call({ span_id: "3", tenant_id: "other" }),
      call({ span_id: "4", model_name: "acme-llm-9000" }),
      call({ span_id: "5", model_name: null }),
    ];
    priceSpans(spans, new Map([["default", [override]]]));
    expect(spans.map((s) => [s.cost_usd, s.cost_source])).toEqual([
      ["0.25", "reported"],
      // 100 in × $1 + 20 out × $4, per 1M tokens.
      ["0.0001800000", "override"],
      // gpt-4o: $2.50 in, $10 out per 1M tokens.
      [((100 * 2.5 + 20 * 10) / 1e6).toFixed(10), "price_library"],
      [null, null],
      [null, null],
    ]);
  });

  it("prices rows written again after a failed attempt to the same figures", () => {
    const spans = [call({ span_id: "1", cost_usd: "0.25" }), call({ span_id: "2" }), call({ span_id: "3", tenant_id: "other" })];
    priceSpans(spans, new Map([["default", [override]]]));
    const first = spans.map((s) => [s.cost_usd, s.cost_source]);
    priceSpans(spans, new Map([["default", [override]]]));
    expect(spans.map((s) => [s.cost_usd, s.cost_source])).toEqual(first);
    // The price changed between the attempts: the new one applies.
    priceSpans(spans, new Map());
    expect(spans.map((s) => s.cost_source)).toEqual(["reported", "price_library", "price_library"]);
  });
});
