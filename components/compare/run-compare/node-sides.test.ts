import { describe, expect, it } from "vitest";
import type { RunNodeComparison, RunNodeSide } from "@/lib/workloads/types";
import { firedSide, sideStatus, statusDiffers } from "@/components/compare/run-compare/node-sides";

const makeSide = (over: Partial<RunNodeSide> = {}): RunNodeSide => ({
  status: "completed",
  nodespecId: null,
  activations: 1,
  durationMs: 10,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  errorMessage: null,
  nodeId: "node",
  ...over,
});
const makeRow = (a: RunNodeSide | null, b: RunNodeSide | null): RunNodeComparison => ({ name: "node", change: "unchanged", a, b });

describe("node sides", () => {
  it("treats a side that did not fire like a missing one", () => {
    expect(firedSide(makeSide({ status: "not_run" }))).toBeNull();
    expect(firedSide(null)).toBeNull();
    expect(sideStatus(null)).toBe("not_run");
    expect(sideStatus(makeSide({ status: "failed" }))).toBe("failed");
  });

  it("tells when the two statuses differ", () => {
    expect(statusDiffers(makeRow(makeSide(), makeSide()))).toBe(false);
    expect(statusDiffers(makeRow(makeSide(), makeSide({ status: "failed" })))).toBe(true);
    expect(statusDiffers(makeRow(null, makeSide()))).toBe(true);
    expect(statusDiffers(makeRow(makeSide({ status: "not_run" }), null))).toBe(false);
  });
});
