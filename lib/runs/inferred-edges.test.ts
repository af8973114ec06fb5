import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inferredEdges, type TimedNode } from "@/lib/runs/inferred-edges";
import { quadraticInferredEdges as oracle } from "@/lib/runs/testing";

// Small time ranges so that ties, zero-length and overlapping nodes are common.
const nodesArb = fc
  .array(fc.record({ start: fc.integer({ min: 0, max: 20 }), length: fc.integer({ min: 0, max: 8 }), reached: fc.boolean() }), { maxLength: 40 })
  .map((specs) => ({
    nodes: specs.map((spec, i): TimedNode => ({ id: `n${i}`, firstStartNs: BigInt(spec.start), lastEndNs: BigInt(spec.start + spec.length) })),
    reached: new Set(specs.flatMap((spec, i) => (spec.reached ? [`n${i}`] : []))),
  }));

describe("inferredEdges", () => {
  it("infers the same edges as the quadratic rule on random runs", () => {
    fc.assert(
      fc.property(nodesArb, ({ nodes, reached }) => {
        expect(inferredEdges(nodes, reached)).toEqual(oracle(nodes, reached));
      }),
      { numRuns: 2_000 },
    );
  });

  it("agrees with the quadratic rule on wide time ranges and larger runs too", () => {
    const wide = fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 1n << 62n }), fc.bigInt({ min: 0n, max: 1n << 40n }), fc.boolean()), { maxLength: 300 });
    fc.assert(
      fc.property(wide, (specs) => {
        const nodes = specs.map(([start, length], i): TimedNode => ({ id: `n${i}`, firstStartNs: start, lastEndNs: start + length }));
        const reached = new Set(specs.flatMap(([, , hit], i) => (hit ? [`n${i}`] : [])));
        expect(inferredEdges(nodes, reached)).toEqual(oracle(nodes, reached));
      }),
      { numRuns: 200 },
    );
  });

  it("follows the node that finished last before, else the one that started last before", () => {
    const node = (id: string, start: number, end: number): TimedNode => ({ id, firstStartNs: BigInt(start), lastEndNs: BigInt(end) });
    expect(inferredEdges([node("a", 0, 10), node("b", 11, 20), node("c", 5, 30)], new Set())).toEqual([
      ["a", "b"],
      ["a", "c"],
    ]);
    expect(inferredEdges([node("a", 0, 10), node("b", 11, 20)], new Set(["b"]))).toEqual([]);
  });

});
