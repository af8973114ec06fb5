import { describe, expect, it } from "vitest";
import { asText, firstCount, firstString, firstValue, parseCount, parseDecimal } from "@/collector/normalize/attributes";

describe("attribute getters", () => {
  it("returns the first non-empty string among keys, span before resource", () => {
    const span = { a: "", b: 3, c: "span-c" };
    const resource = { a: "resource-a" };
    expect(firstString([span], ["a", "b", "c"])).toBe("span-c");
    expect(firstString([span, resource], ["a"])).toBe("resource-a");
    expect(firstString([span, resource], ["c", "a"])).toBe("span-c");
    expect(firstString([span], ["missing"])).toBeNull();
  });

  it("returns the first present value of any type", () => {
    expect(firstValue([{ a: null, b: "", c: { x: 1 } }], ["a", "b", "c"])).toEqual({ x: 1 });
    expect(firstValue([{ a: false }], ["a"])).toBe(false);
    expect(firstValue([{}], ["a"])).toBeNull();
  });

  it("parses counts from numbers and numeric strings exactly", () => {
    expect(parseCount(42)).toBe("42");
    expect(parseCount("42")).toBe("42");
    expect(parseCount(" 0007 ")).toBe("7");
    expect(parseCount("9223372036854775807")).toBe("9223372036854775807");
    expect(parseCount("9223372036854775808")).toBeNull();
    expect(parseCount(-1)).toBeNull();
    expect(parseCount("-1")).toBeNull();
    expect(parseCount(1.5)).toBeNull();
    expect(parseCount("1.5")).toBeNull();
    expect(parseCount("12abc")).toBeNull();
    expect(parseCount(true)).toBeNull();
    expect(parseCount(null)).toBeNull();
    expect(parseCount(undefined)).toBeNull();
  });

  it("skips invalid counts so a later alias can supply one", () => {
    expect(firstCount([{ a: -5, b: "x", c: "12" }], ["a", "b", "c"])).toBe("12");
    expect(firstCount([{ a: -5 }], ["a"])).toBeNull();
  });

  it("parses non-negative decimals without exponent", () => {
    expect(parseDecimal(0.0012)).toBe("0.0012");
    expect(parseDecimal(1e-7)).toBe("0.0000001");
    expect(parseDecimal(1.5e21)).toBe("1500000000000000000000");
    expect(parseDecimal("2.50")).toBe("2.5");
    expect(parseDecimal("3")).toBe("3");
    expect(parseDecimal("0003.100")).toBe("3.1");
    expect(parseDecimal("1.25e2")).toBe("125");
    expect(parseDecimal(".5")).toBe("0.5");
    expect(parseDecimal(0)).toBe("0");
    expect(parseDecimal(-0.1)).toBeNull();
    expect(parseDecimal("-0.1")).toBeNull();
    expect(parseDecimal(Number.NaN)).toBeNull();
    expect(parseDecimal(Number.POSITIVE_INFINITY)).toBeNull();
    expect(parseDecimal("abc")).toBeNull();
    expect(parseDecimal(".")).toBeNull();
    expect(parseDecimal("12345678901", 10)).toBeNull();
    expect(parseDecimal("1234567890.5", 10)).toBe("1234567890.5");
  });

  it("renders payloads as text", () => {
    expect(asText("hello")).toBe("hello");
    expect(asText({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(asText(5)).toBe("5");
    expect(asText(null)).toBeNull();
    expect(asText("")).toBeNull();
  });
});
