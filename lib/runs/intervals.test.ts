import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { intervalsByStart } from "@/lib/runs/intervals";

describe("intervalsByStart", () => {
  it("finds the first interval holding a moment, ends included", () => {
    const index = intervalsByStart([
      { start: 0n, end: 10n },
      { start: 5n, end: 30n },
      { start: 12n, end: 14n },
      { start: 40n, end: 50n },
    ]);
    expect([0n, 10n, 11n, 13n, 31n, 40n, 50n, 51n, -1n].map((at) => index.firstHolding(at))).toEqual([0, 0, 1, 1, -1, 3, 3, -1, -1]);
    expect([index.first, index.last]).toEqual([0n, 50n]);
  });

  it("agrees with a linear search on random sorted intervals, overlapping or not", () => {
    const arb = fc.record({
      intervals: fc.array(fc.record({ start: fc.integer({ min: 0, max: 100 }), length: fc.integer({ min: 0, max: 30 }) }), { maxLength: 30 }),
      moments: fc.array(fc.integer({ min: -5, max: 140 }), { maxLength: 40 }),
    });
    fc.assert(
      fc.property(arb, ({ intervals, moments }) => {
        const sorted = intervals.map((i) => ({ start: BigInt(i.start), end: BigInt(i.start + i.length) })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
        const index = intervalsByStart(sorted);
        for (const m of moments) {
          const at = BigInt(m);
          expect(index.firstHolding(at)).toBe(sorted.findIndex((i) => i.start <= at && at <= i.end));
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("holds nothing when empty", () => {
    expect(intervalsByStart([]).firstHolding(0n)).toBe(-1);
  });
});
