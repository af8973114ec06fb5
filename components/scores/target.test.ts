import { describe, expect, it } from "vitest";
import type { RunScore } from "@/lib/scores/types";
import { describeActivation, pickActivation, scoreNodeId, withoutScore, withRecorded } from "@/components/scores/target";

const makeScore = (id: string, over: Partial<RunScore> = {}): RunScore => ({
  id,
  runId: "run-1",
  spanId: null,
  nodeName: null,
  name: "user_feedback",
  dataType: "boolean",
  value: 1,
  label: "true",
  comment: null,
  source: "ui",
  author: null,
  time: "2026-12-01T10:00:00.000Z",
  ...over,
});

describe("pickActivation", () => {
  const spans = [{ spanId: "aaaaaaaaaaaaaaaa" }, { spanId: "bbbbbbbbbbbbbbbb" }];
  it("takes the named activation, else the first", () => {
    expect(pickActivation(spans, "bbbbbbbbbbbbbbbb")).toEqual({ spanId: "bbbbbbbbbbbbbbbb", index: 1 });
    expect(pickActivation(spans, "cccccccccccccccc")).toEqual({ spanId: "aaaaaaaaaaaaaaaa", index: 0 });
    expect(pickActivation(spans, null)).toEqual({ spanId: "aaaaaaaaaaaaaaaa", index: 0 });
    expect(pickActivation([], null)).toBeNull();
  });
});

describe("describeActivation", () => {
  it("names the node, and which of several activations or attempts", () => {
    expect(describeActivation({ nodeName: "writer", index: 0, count: 1, asAttempt: false })).toBe("writer");
    expect(describeActivation({ nodeName: "researcher", index: 1, count: 3, asAttempt: false })).toBe("researcher · activation 2 of 3");
    expect(describeActivation({ nodeName: "writer", index: 1, count: 2, asAttempt: true })).toBe("writer · attempt 2 of 2");
  });
});

describe("scoreNodeId", () => {
  it("finds the node by name, or by span id in a generic trace", () => {
    const ids = new Set(["planner", "0123456789abcdef"]);
    expect(scoreNodeId({ nodeName: "planner", spanId: "ffffffffffffffff" }, ids)).toBe("planner");
    expect(scoreNodeId({ nodeName: "http GET", spanId: "0123456789abcdef" }, ids)).toBe("0123456789abcdef");
    expect(scoreNodeId({ nodeName: "omitted", spanId: "ffffffffffffffff" }, ids)).toBeNull();
    expect(scoreNodeId({ nodeName: null, spanId: "0123456789abcdef" }, ids)).toBeNull();
  });
});

describe("withRecorded / withoutScore", () => {
  it("puts new scores first, once, and removes a deleted one", () => {
    const list = [makeScore("s2"), makeScore("s1")];
    expect(withRecorded(list, [makeScore("s3")]).map((s) => s.id)).toEqual(["s3", "s2", "s1"]);
    // An id sent again comes back as the score stored first: no double.
    expect(withRecorded(list, [makeScore("s2")]).map((s) => s.id)).toEqual(["s2", "s1"]);
    expect(withoutScore(list, "s2").map((s) => s.id)).toEqual(["s1"]);
  });
});
