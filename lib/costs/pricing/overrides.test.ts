import { describe, expect, it } from "vitest";
import { priceOverrideInputSchema } from "@/lib/costs/pricing/override-input";
import { overrideCost, overrideFor, type OverridePrice } from "@/lib/costs/pricing/overrides";

const base = { inputUsdPerMtok: 1, outputUsdPerMtok: 2, cacheReadUsdPerMtok: null, cacheWriteUsdPerMtok: null };
const at = (iso: string) => Date.parse(iso);
const overrides: OverridePrice[] = [
  { ...base, id: "1", provider: null, model: "gpt-4o", effectiveFromMs: at("2026-01-01T00:00:00Z") },
  { ...base, id: "2", provider: null, model: "GPT-4o", effectiveFromMs: at("2026-06-01T00:00:00Z") },
  { ...base, id: "3", provider: "azure", model: "gpt-4o", effectiveFromMs: at("2026-06-01T00:00:00Z") },
  { ...base, id: "4", provider: "openai", model: "gpt-4o", effectiveFromMs: at("2026-03-01T00:00:00Z") },
];

describe("overrideFor", () => {
  it("takes the latest price in force at the call's time, whatever the model's case", () => {
    expect(overrideFor(overrides, null, "gpt-4o", new Date("2026-02-01T00:00:00Z"))?.id).toBe("1");
    expect(overrideFor(overrides, null, "gpt-4o", new Date("2026-07-01T00:00:00Z"))?.id).toBe("2");
    expect(overrideFor(overrides, null, "gpt-4o", new Date("2025-12-31T23:59:59Z"))).toBeNull();
  });

  it("skips prices for another provider and prefers the provider's own on the same date", () => {
    expect(overrideFor(overrides, "openai", "gpt-4o", new Date("2026-04-01T00:00:00Z"))?.id).toBe("4");
    expect(overrideFor(overrides, "azure.ai.openai", "gpt-4o", new Date("2026-07-01T00:00:00Z"))?.id).toBe("3");
    expect(overrideFor(overrides, "anthropic", "gpt-4o", new Date("2026-04-01T00:00:00Z"))?.id).toBe("1");
    expect(overrideFor(overrides, null, "gpt-4o-mini", new Date("2026-07-01T00:00:00Z"))).toBeNull();
  });
});

describe("overrideCost", () => {
  const usage = { vendor: null, model: "m", at: new Date(), inputTokens: 1000, outputTokens: 100, cacheReadTokens: 400, cacheWriteTokens: 100 };

  it("charges cached tokens at their own prices, the rest of the input at the input price", () => {
    const price = { ...overrides[0]!, inputUsdPerMtok: 3, outputUsdPerMtok: 15, cacheReadUsdPerMtok: 0.3, cacheWriteUsdPerMtok: 3.75 };
    // 500 uncached × 3 + 400 × 0.3 + 100 × 3.75 + 100 × 15 = 1500 + 120 + 375 + 1500 = 3495 per 1M.
    expect(overrideCost(usage, price)).toBe("0.0034950000");
  });

  it("charges cached tokens as input when no cache price is set, and adds cache counts the input leaves out", () => {
    expect(overrideCost(usage, overrides[0]!)).toBe("0.0012000000");
    // Anthropic-style usage: 10 input tokens besides 400 cache reads.
    expect(overrideCost({ ...usage, inputTokens: 10, cacheWriteTokens: 0 }, overrides[0]!)).toBe("0.0006100000");
  });
});

describe("priceOverrideInputSchema", () => {
  const valid = { model: " gpt-4o ", effectiveFrom: "2026-11-01", inputUsdPerMtok: 2.5, outputUsdPerMtok: 10 };

  it("reads a date as midnight UTC and empty optional fields as null", () => {
    expect(priceOverrideInputSchema.parse({ ...valid, provider: "" })).toEqual({
      model: "gpt-4o",
      provider: null,
      effectiveFrom: new Date("2026-11-01T00:00:00Z"),
      inputUsdPerMtok: 2.5,
      outputUsdPerMtok: 10,
      cacheReadUsdPerMtok: null,
      cacheWriteUsdPerMtok: null,
    });
  });

  it.each([
    [{ ...valid, model: "" }, "model"],
    [{ ...valid, inputUsdPerMtok: -1 }, "inputUsdPerMtok"],
    [{ ...valid, outputUsdPerMtok: "10" }, "outputUsdPerMtok"],
    [{ ...valid, effectiveFrom: "2026-13-45" }, "effectiveFrom"],
    [{ ...valid, effectiveFrom: "yesterday" }, "effectiveFrom"],
    [{ ...valid, surprise: true }, ""],
  ])("refuses %j, naming %s", (body, field) => {
    const result = priceOverrideInputSchema.safeParse(body);
    expect(result.success).toBe(false);
    if (!result.success && field) expect(result.error.issues[0]!.path[0]).toBe(field);
  });
});
