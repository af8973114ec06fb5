import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { spanForest, type ForestSpan } from "@/lib/runs/span-forest";

const span = (key: string, parentKey: string | null, tokens: number, counts = true): ForestSpan => ({ key, parentKey, counts, inputTokens: tokens, outputTokens: tokens * 2, costUsd: tokens * 3 });

/** Subtree sums rebuilt from the walk's nesting alone: what the forest's own sums must equal. */
function sumsFromWalk(forest: ReturnType<typeof spanForest>, n: number): number[] {
  const sums = new Array<number>(n).fill(0);
  const open: number[] = [];
  for (const step of forest.walk) {
    if (step >= 0) {
      open.push(step);
      sums[step] = forest.ownOf(step).inputTokens;
      continue;
    }
    const i = open.pop()!;
    expect(i).toBe(-1 - step);
    if (open.length > 0) sums[open.at(-1)!]! += sums[i]!;
  }
  expect(open).toEqual([]);
  return sums;
}

describe("spanForest", () => {
  it("sums a span's subtree, counting only spans that count", () => {
    const forest = spanForest([span("t/root", null, 1), span("t/a", "t/root", 2), span("t/b", "t/a", 4, false), span("t/c", "t/b", 8)]);
    expect(forest.subtreeOf(0)).toEqual({ inputTokens: 11, outputTokens: 22, costUsd: 33 });
    expect(forest.subtreeOf(2).inputTokens).toBe(8);
    expect(forest.ownOf(2)).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0 });
  });

  it("cuts parent links that loop, walking each span once", () => {
    const forest = spanForest([span("t/a", "t/b", 1), span("t/b", "t/a", 2), span("t/c", "t/a", 4)]);
    expect([...forest.walk].filter((step) => step >= 0).sort()).toEqual([0, 1, 2]);
    const top = forest.walk[0]!;
    expect(forest.subtreeOf(top).inputTokens).toBe(7);
  });

  it("walks a repeated key alone, once, and indexes the first", () => {
    const forest = spanForest([span("t/a", null, 1), span("t/a", null, 2), span("t/b", "t/a", 4)]);
    expect([...forest.first]).toEqual([1, 0, 1]);
    expect(forest.indexOf.get("t/a")).toBe(0);
    expect(forest.subtreeOf(0).inputTokens).toBe(5);
    expect(forest.subtreeOf(1).inputTokens).toBe(2);
  });

  it("enters and leaves every span once, its sums matching the walk's nesting, on random forests with loops, repeats and missing parents", () => {
    const forestArb = fc.array(
      fc.record({ key: fc.nat({ max: 40 }), parent: fc.option(fc.nat({ max: 45 }), { nil: null }), tokens: fc.nat({ max: 50 }), counts: fc.boolean() }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(forestArb, (specs) => {
        const spans = specs.map((s) => span(`t/${s.key}`, s.parent === null ? null : `t/${s.parent}`, s.tokens, s.counts));
        const forest = spanForest(spans);
        const entered = [...forest.walk].filter((step) => step >= 0).sort((a, b) => a - b);
        expect(entered).toEqual(spans.map((_, i) => i));
        expect(forest.walk.length).toBe(2 * spans.length);
        const sums = sumsFromWalk(forest, spans.length);
        spans.forEach((_, i) => expect(forest.subtreeOf(i).inputTokens).toBe(sums[i]));
      }),
      { numRuns: 1_000 },
    );
  });
});
