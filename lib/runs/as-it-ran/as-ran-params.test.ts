import { describe, expect, it } from "vitest";
import { ParamError } from "@/lib/http/params";
import { parseActivationParams } from "@/lib/runs/as-it-ran/as-ran-params";

const parse = (query: string) => parseActivationParams(new URLSearchParams(query));

describe("parseActivationParams", () => {
  it("reads the graph, a segment's page or a span's place", () => {
    expect(parse("")).toEqual({ kind: "graph", limit: 10_000, folded: false });
    expect(parse("view=folded&limit=500")).toEqual({ kind: "graph", limit: 500, folded: true });
    expect(parse("segment=seg:s1&offset=100")).toEqual({ kind: "segment", limit: 10_000, segmentId: "seg:s1", offset: 100, steps: 50 });
    expect(parse("segment=seg:s1&steps=500")).toMatchObject({ offset: 0, steps: 500 });
    expect(parse("span=abc")).toEqual({ kind: "span", limit: 10_000, spanId: "abc" });
  });

  it("refuses what it cannot answer, naming the parameter", () => {
    for (const [query, param] of [
      ["view=all", "view"],
      ["segment=x&steps=501", "steps"],
      ["segment=x&steps=0", "steps"],
      ["segment=x&offset=-1", "offset"],
      ["segment=x&offset=1.5", "offset"],
      ["segment=x&offset=10000", "offset"],
      ["offset=5", "offset"],
      ["steps=5", "steps"],
      ["segment=x&span=y", "span"],
      ["segment=x&view=folded", "view"],
      ["span=y&view=full", "view"],
      ["segment=x&segment=y", "segment"],
    ] as const) {
      expect(() => parse(query), query).toThrow(ParamError);
      try {
        parse(query);
      } catch (error) {
        expect((error as ParamError).param, query).toBe(param);
      }
    }
  });
});
