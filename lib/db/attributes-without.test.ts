import { describe, expect, it } from "vitest";
import { attributesWithout } from "@/lib/db/attributes-without";

describe("attributesWithout", () => {
  it("copies every other attribute in order, and leaves the original alone", () => {
    const attributes = { b: 1, a: "x", c: { nested: [1, 2] }, d: null };
    const copy = attributesWithout(attributes, new Set(["a"]));
    expect(Object.keys(copy)).toEqual(["b", "c", "d"]);
    expect(copy).toEqual({ b: 1, c: { nested: [1, 2] }, d: null });
    expect(attributes).toHaveProperty("a", "x");
    expect(attributesWithout(attributes, (key) => key === "b" || key === "d")).toEqual({ a: "x", c: { nested: [1, 2] } });
  });

  it("keeps a __proto__ attribute as an own key, without touching the copy's prototype", () => {
    const attributes = JSON.parse('{"__proto__": {"polluted": true}, "keep": 1, "drop": 2}') as Record<string, never>;
    const copy = attributesWithout(attributes, new Set(["drop"]));
    expect(Object.keys(copy)).toEqual(["__proto__", "keep"]);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, "__proto__")?.value).toEqual({ polluted: true });
    expect((copy as Record<string, unknown>).polluted).toBeUndefined();
  });
});
