import { describe, expect, it } from "vitest";
import { InvalidRuntimeCallError, NodeExecutionError } from "./errors";
import { normalizeScore, type ScoreInput } from "./score";
import { isoTime } from "./options";
import { makeWorkload, recordingObserver, rejectionOf, RUN, T0 } from "./testing";

const check = (input: ScoreInput) => normalizeScore(input, "test");

describe("normalizeScore", () => {
  it("keeps a number, turns a boolean into 1/0 with the label true/false, and takes a label alone", () => {
    expect(check({ name: "answer_quality", value: 0.82, explanation: "cites a source", id: "s-1" })).toEqual({
      name: "answer_quality",
      value: 0.82,
      label: null,
      explanation: "cites a source",
      id: "s-1",
    });
    expect(check({ name: "grounded", value: true })).toEqual({ name: "grounded", value: 1, label: "true", explanation: null, id: null });
    expect(check({ name: "grounded", value: false })).toEqual({ name: "grounded", value: 0, label: "false", explanation: null, id: null });
    expect(check({ name: "tone", label: "friendly" })).toEqual({ name: "tone", value: null, label: "friendly", explanation: null, id: null });
    expect(check({ name: "stars", value: 4, label: "good" })).toMatchObject({ value: 4, label: "good" });
    expect(check({ name: "x".repeat(256), value: 0 }).name).toHaveLength(256);
    expect(check({ name: "q", value: 0, id: `run-1:q.v2~a_${"x".repeat(115)}` }).id).toHaveLength(128);
  });

  it.each([
    [{ name: "", value: 1 }, "test: name must be a non-empty string"],
    [{ name: "   ", value: 1 }, "test: name must be a non-empty string"],
    [{ name: "x".repeat(257), value: 1 }, "test: name must be at most 256 characters, got 257"],
    [{ name: "q", value: Number.NaN }, "test: score 'q': value must be a finite number or a boolean, got NaN"],
    [{ name: "q", value: Infinity }, "test: score 'q': value must be a finite number or a boolean, got Infinity"],
    [{ name: "q", value: "0.5" }, "test: score 'q': value must be a finite number or a boolean, got 0.5"],
    [{ name: "q" }, "test: score 'q' needs a value or a label"],
    [{ name: "q", label: "" }, "test: score 'q': label must be a non-empty string when given"],
    [{ name: "q", label: "  " }, "test: score 'q': label must be a non-empty string when given"],
    [{ name: "q", label: "x".repeat(257) }, "test: score 'q': label must be at most 256 characters, got 257"],
    [{ name: "q", value: 1, id: "" }, `test: score 'q': id must be 1 to 128 letters, digits or . _ : ~ -, got ""`],
    [{ name: "q", value: 1, id: "run-1/q" }, `test: score 'q': id must be 1 to 128 letters, digits or . _ : ~ -, got "run-1/q"`],
    [{ name: "q", value: 1, id: "x".repeat(129) }, "test: score 'q': id must be 1 to 128 letters"],
    [{ name: "q", value: 1, explanation: 3 }, "test: score 'q': explanation must be a string"],
    [{ name: "q", value: true, label: "yes" }, 'test: score \'q\': a boolean is sent with the label "true" / "false" by itself; leave label out'],
  ])("rejects %j with a TypeError", (input, message) => {
    expect(() => check(input as unknown as ScoreInput)).toThrow(TypeError);
    expect(() => check(input as unknown as ScoreInput)).toThrow(message);
  });
});

describe("runtime.recordScore", () => {
  it("keeps the node's scores in its activation result, timed by the run's clock, with no observer", async () => {
    const { workload, clock } = makeWorkload();
    workload.addNode((_payload, { runtime }) => {
      clock.advance(40);
      runtime.recordScore({ name: "relevance", value: 0.5 });
      runtime.recordScore({ name: "grounded", value: true, id: "g-1" });
    }, { name: "judge", role: "critic" });
    const report = await workload.execute("q", RUN);
    expect(report.activations[0]!.scores).toEqual([
      { name: "relevance", value: 0.5, label: null, explanation: null, id: null, timestamp: isoTime(T0 + 40) },
      { name: "grounded", value: 1, label: "true", explanation: null, id: "g-1", timestamp: isoTime(T0 + 40) },
    ]);
  });

  it("tells observers, in the activation, between its start and its end", async () => {
    const observer = recordingObserver();
    const { workload } = makeWorkload({ observer });
    workload.addNode((_payload, { runtime }) => runtime.recordScore({ name: "tone", label: "curt" }), { name: "reply", role: "llm" });
    await workload.execute("q", RUN);
    const methods = observer.calls.map((call) => call.method).filter((method) => method !== "ledgerEvent");
    expect(methods).toEqual(["runStarted", "activationStarted", "scoreRecorded", "activationFinished", "runFinished"]);
    const scored = observer.calls.find((call) => call.method === "scoreRecorded")!;
    expect(scored).toEqual({
      method: "scoreRecorded",
      score: { name: "tone", value: null, label: "curt", explanation: null, id: null, timestamp: isoTime(T0) },
      activation: { step: 1, node: "reply" },
    });
  });

  it("throws a TypeError the node can catch; uncaught, it fails the node", async () => {
    const { workload } = makeWorkload();
    workload.addNode((_payload, { runtime }) => {
      try {
        runtime.recordScore({ name: "q", value: Number.NaN });
      } catch (error) {
        return error instanceof TypeError ? error.message : "not a TypeError";
      }
    }, { name: "judge", role: "critic" });
    const report = await workload.execute("q", RUN);
    expect(report.activations[0]!.output).toBe("Node 'judge': runtime.recordScore(): score 'q': value must be a finite number or a boolean, got NaN");
    expect(report.activations[0]!.scores).toEqual([]);

    const failing = makeWorkload().workload;
    failing.addNode((_payload, { runtime }) => runtime.recordScore({ name: "" }), { name: "judge", role: "critic" });
    const error = await rejectionOf(failing.execute("q", RUN));
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect((error as NodeExecutionError).cause).toBeInstanceOf(TypeError);
  });

  it("fails loudly after the node returned", async () => {
    const { workload } = makeWorkload();
    let late: (() => void) | undefined;
    workload.addNode((_payload, { runtime }) => {
      late = () => runtime.recordScore({ name: "late", value: 1 });
    }, { name: "judge", role: "critic" });
    await workload.execute("q", RUN);
    expect(late).toThrow(InvalidRuntimeCallError);
  });
});
