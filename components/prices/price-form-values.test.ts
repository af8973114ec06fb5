import { describe, expect, it } from "vitest";
import { initialValues, parseDate, parsePrice, todayUtc, validatePriceForm, type PriceFormValues } from "@/components/prices/price-form-values";

const filled = (changes: Partial<PriceFormValues> = {}): PriceFormValues => ({
  ...initialValues("2026-03-01", { model: "gpt-4o" }),
  input: "2.5",
  output: "10",
  ...changes,
});

describe("parsePrice", () => {
  it("reads plain decimals, blank as null when optional", () => {
    expect(parsePrice(" 2.5 ", true)).toEqual({ value: 2.5 });
    expect(parsePrice("0", true)).toEqual({ value: 0 });
    expect(parsePrice(".075", true)).toEqual({ value: 0.075 });
    expect(parsePrice("", false)).toEqual({ value: null });
  });

  it("refuses blanks when required, negatives, non-numbers and the server's limit", () => {
    expect(parsePrice("  ", true).error).toMatch(/Enter a price/);
    expect(parsePrice("-1", true).error).toBe("Must be 0 or more.");
    for (const text of ["abc", "1,5", "0x10", "1e3", "Infinity", "NaN", "1.2.3"]) expect(parsePrice(text, false).error).toBe("Enter a number, such as 2.5.");
    expect(parsePrice("1000000", true)).toEqual({ value: 1_000_000 });
    expect(parsePrice("1000000.01", true).error).toBe("Must be at most 1,000,000.");
  });
});

describe("parseDate", () => {
  it("takes real YYYY-MM-DD dates in the years the server stores", () => {
    expect(parseDate("2026-02-28")).toEqual({ value: "2026-02-28" });
    expect(parseDate("").error).toMatch(/Enter the date/);
    expect(parseDate("2026-02-30").error).toMatch(/real date/);
    expect(parseDate("2026-2-3").error).toMatch(/real date/);
    expect(parseDate("1969-12-31").error).toBe("Must be between 1970 and 2262.");
  });
});

describe("validatePriceForm", () => {
  it("builds the POST body: trimmed, blank provider and cache prices as null", () => {
    expect(validatePriceForm(filled({ model: "  gpt-4o ", provider: " " }))).toEqual({
      ok: true,
      body: {
        model: "gpt-4o",
        provider: null,
        effectiveFrom: "2026-03-01",
        inputUsdPerMtok: 2.5,
        outputUsdPerMtok: 10,
        cacheReadUsdPerMtok: null,
        cacheWriteUsdPerMtok: null,
      },
    });
    const withCache = validatePriceForm(filled({ provider: "openai", cacheRead: "1.25", cacheWrite: "0" }));
    expect(withCache.ok && withCache.body).toMatchObject({ provider: "openai", cacheReadUsdPerMtok: 1.25, cacheWriteUsdPerMtok: 0 });
  });

  it("reports every bad field at once", () => {
    const result = validatePriceForm({ model: "", provider: "", effectiveFrom: "", input: "", output: "-2", cacheRead: "x", cacheWrite: "" });
    expect(result.ok).toBe(false);
    expect(!result.ok && Object.keys(result.errors).sort()).toEqual(["cacheRead", "effectiveFrom", "input", "model", "output"]);
  });
});

describe("todayUtc", () => {
  it("is the UTC date, whatever the local zone", () => {
    expect(todayUtc(Date.parse("2026-03-01T23:59:59Z"))).toBe("2026-03-01");
    expect(todayUtc(Date.parse("2026-03-02T00:00:00Z"))).toBe("2026-03-02");
  });
});
