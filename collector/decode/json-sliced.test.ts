import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseJsonSteps } from "@/collector/decode/json-sliced";
import { DEFAULT_DECODE_LIMITS } from "@/collector/decode/limits";
import { DecodeError } from "@/collector/decode/model";
import { runToEnd } from "@/collector/decode/slices";

const parse = (text: string) => runToEnd(parseJsonSteps(new TextEncoder().encode(text), DEFAULT_DECODE_LIMITS));
/** Big enough that the walker, not one JSON.parse, handles the outer containers. */
const big = (value: unknown) => ({ spans: Array.from({ length: 400 }, (_, i) => ({ i, value, pad: "é\"\\]}".repeat(50) }))});

describe("parseJsonSteps", () => {
  it("parses large documents as JSON.parse does, whitespace and escapes included", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.boolean(), (value, pretty) => {
        const text = JSON.stringify(big(value), null, pretty ? 2 : undefined);
        expect(text.length).toBeGreaterThan(64 * 1024);
        expect(parse(text)).toEqual(JSON.parse(text));
      }),
      { numRuns: 25 },
    );
  });

  it("refuses malformed large documents with a DecodeError", () => {
    const text = JSON.stringify(big("x"));
    for (const broken of [text.slice(0, -1), text.replace('"spans":', '"spans"'), text.replace("},{", "}{"), text.replace("}]", "},]"), `${text} x`, `]${text}`]) {
      expect(() => parse(broken)).toThrow(DecodeError);
    }
  });

  it("keeps __proto__ an own key, as JSON.parse does", () => {
    const parsed = parse(`{"__proto__":{"own":true},${JSON.stringify(big(1)).slice(1)}`) as Record<string, unknown>;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
  });
});
