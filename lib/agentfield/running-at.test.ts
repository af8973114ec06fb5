import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { onlyRunningAt, type Timed } from "@/lib/agentfield/running-at";

const SLACK = 2n;

/** The rule it replaced: filter every activation, keep the answer when exactly one runs. */
function oracle<T extends Timed>(list: readonly T[], at: bigint): T | null {
  const running = list.filter((a) => BigInt(a.startNs) - SLACK <= at && at <= BigInt(a.endNs) + SLACK);
  return running.length === 1 ? running[0]! : null;
}

describe("onlyRunningAt", () => {
  it("answers as filtering every activation does, on random activations (ends before starts included)", () => {
    const activation = fc.record({ start: fc.integer({ min: 0, max: 40 }), end: fc.integer({ min: 0, max: 50 }) });
    fc.assert(
      fc.property(fc.array(activation, { maxLength: 30 }), fc.array(fc.integer({ min: -5, max: 60 }), { minLength: 1, maxLength: 10 }), (specs, times) => {
        const list = specs
          .map((spec, i) => ({ id: i, startNs: String(spec.start), endNs: String(spec.end) }))
          .sort((a, b) => Number(a.startNs) - Number(b.startNs));
        const lookup = onlyRunningAt(list, SLACK);
        for (const at of times) expect(lookup(BigInt(at))).toBe(oracle(list, BigInt(at)));
      }),
      { numRuns: 2_000 },
    );
  });
});
