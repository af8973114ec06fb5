import { describe, expect, it } from "vitest";
import { canonicalJson, compareCodePoints } from "./canonical-json";

// Expected texts are what Python's json.dumps(v, sort_keys=True, separators=(",", ":")) prints.
describe("canonicalJson", () => {
  it("sorts keys at every depth and uses compact separators", () => {
    expect(canonicalJson({ b: 1, a: [true, false, null], c: { z: "x", y: "é😀" } })).toBe(
      '{"a":[true,false,null],"b":1,"c":{"y":"\\u00e9\\ud83d\\ude00","z":"x"}}',
    );
  });

  it("escapes like ensure_ascii: controls, DEL, quotes, backslashes, lone surrogates; not '/'", () => {
    expect(canonicalJson('\x7f\x00\x1f\b\f\n\r\t/"\\ \ud800')).toBe('"\\u007f\\u0000\\u001f\\b\\f\\n\\r\\t/\\"\\\\ \\ud800"');
  });

  it("escapes characters beyond the BMP as a lowercase surrogate pair", () => {
    expect(canonicalJson("✓ 😀")).toBe('"\\u2713 \\ud83d\\ude00"');
  });

  it("prints numbers as Python does", () => {
    expect(canonicalJson([1e-5, 123.456, 0.1, 5e-324, 1e22, 1.5e-7, 2.5, -3, 0.0001])).toBe(
      "[1e-05,123.456,0.1,5e-324,10000000000000000000000,1.5e-07,2.5,-3,0.0001]",
    );
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
  });

  it("orders keys by code point, not UTF-16 unit", () => {
    expect(canonicalJson({ "\uffff": 1, "😀": 2, a: 3, é: 4 })).toBe('{"a":3,"\\u00e9":4,"\\uffff":1,"\\ud83d\\ude00":2}');
    expect(compareCodePoints("😀", "\uffff")).toBeGreaterThan(0);
    expect(compareCodePoints("ab", "a")).toBeGreaterThan(0);
  });

  it("leaves out members whose value is undefined", () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});
