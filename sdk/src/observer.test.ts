import { describe, expect, it, vi } from "vitest";
import { renderPayload } from "./render";
import { makeWorkload, recordingObserver, RUN, T0 } from "./testing";
import type { RunObserver } from "./observer";

function llmWorkload(options: Parameters<typeof makeWorkload>[0] = {}) {
  const made = makeWorkload(options);
  const { workload, clock } = made;
  workload.addNode(
    (question: string, { runtime }) => {
      clock.advance(120);
      runtime.recordUsage({ model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens: 100, outputTokens: 20, cacheReadTokens: 40, raw: { prompt_tokens: 100 } });
      runtime.recordUsage({ model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens: 50, outputTokens: 10 });
      runtime.emit("finish", question.toUpperCase());
      return { answer: "x".repeat(3000) };
    },
    { name: "call_model", role: "llm", modelName: "gpt-4o-mini", modelVersion: "2024-07-18" },
  );
  workload.addNode(() => "done", { name: "finish", role: "postprocess" });
  workload.addEdge("call_model", "finish");
  return made;
}

describe("RunObserver", () => {
  it("is called in order: run, activations, ledger events, finish", async () => {
    const observer = recordingObserver();
    const { workload } = llmWorkload({ observer });
    await workload.execute("why?", RUN);
    const sequence = observer.calls.map((call) =>
      call.method === "ledgerEvent" ? `ledger ${call.event.event_type}@${call.activation?.step ?? "-"}` : call.method,
    );
    expect(sequence).toEqual([
      "runStarted",
      "ledger token_enqueued@-",
      "ledger token_dequeued@-",
      "activationStarted",
      "ledger token_enqueued@1",
      "ledger node_completed@1",
      "activationFinished",
      "ledger token_dequeued@-",
      "activationStarted",
      "ledger node_completed@2",
      "activationFinished",
      "runFinished",
    ]);
  });

  it("gives everything a node span needs", async () => {
    const observer = recordingObserver();
    const { workload } = llmWorkload({ observer, tags: ["demo"] });
    const report = await workload.execute("why?", { ...RUN, deploymentId: "prod-eu" });

    const started = observer.calls[0];
    expect(started?.method === "runStarted" && started.run).toMatchObject({
      runId: "run-1",
      deploymentId: "prod-eu",
      logicId: workload.logicId,
      workloadId: "test-agent:1.0.0",
      workloadName: "Test Agent",
      workloadVersion: "1.0.0",
      workloadDescription: "",
      orgNamespace: "acme",
      tags: ["demo"],
      entryNodes: ["call_model"],
      maxSteps: 1000,
      startedAt: T0,
      edges: [{ source: "call_model", target: "finish" }],
    });

    const finished = observer.calls.find((call) => call.method === "activationFinished");
    if (finished?.method !== "activationFinished") throw new Error("no activationFinished");
    const end = finished.activation;
    expect(end.spec).toBe(workload.nodeSpec("call_model"));
    expect(end.spec).toMatchObject({ modelName: "gpt-4o-mini", modelVersion: "2024-07-18", role: "llm", specVersion: "0.1.0" });
    expect([end.step, end.startedAt, end.finishedAt, end.inputText, end.error]).toEqual([1, T0, T0 + 120, "why?", undefined]);
    expect(end.outputText).toHaveLength(2048);
    expect(end.outputText?.endsWith("...")).toBe(true);
    expect(end.result).toBe(report.activations[0]);
    expect(end.result).toMatchObject({ status: "ok", durationMs: 120, nodespecId: end.spec.id });
    expect(end.usage).toEqual({
      calls: 2,
      inputTokens: 150,
      outputTokens: 30,
      totalTokens: 180,
      cacheReadTokens: 40,
      cacheWriteTokens: 0,
      model: "gpt-4o-mini-2024-07-18",
      vendor: "openai",
    });
    expect(end.result.usage[0]?.raw).toEqual({ prompt_tokens: 100 });
    expect(report.activations[1]?.usage).toEqual([]);
  });

  it("reports the error of a failed activation and of the run", async () => {
    const observer = recordingObserver();
    const { workload } = makeWorkload({ observer });
    const boom = new Error("rate limited");
    workload.addNode(() => {
      throw boom;
    }, { name: "a", role: "llm" });
    await expect(workload.execute(null)).rejects.toThrow("rate limited");

    const end = observer.calls.find((call) => call.method === "activationFinished");
    expect(end?.method === "activationFinished" && [end.activation.error, end.activation.outputText, end.activation.result.status]).toEqual([
      boom,
      null,
      "error",
    ]);
    const finished = observer.calls.at(-1);
    expect(finished?.method === "runFinished" && finished.error?.name).toBe("NodeExecutionError");
    expect(finished?.method === "runFinished" && finished.report.stopReason).toBe("node_failed");
  });

  it("calls workload and per-run observers, and never lets them break the run", async () => {
    const onObserverError = vi.fn();
    const throwing: RunObserver = {
      activationStarted: () => {
        throw new Error("exporter down");
      },
      runFinished: () => Promise.reject(new Error("async exporter down")),
    };
    const perRun = recordingObserver();
    const { workload } = llmWorkload({ observer: throwing, onObserverError });
    const report = await workload.execute("q", { observer: perRun });
    await new Promise((resolve) => setTimeout(resolve, 0));

    expect(report.status).toBe("ok");
    expect(perRun.calls.filter((call) => call.method === "activationFinished")).toHaveLength(2);
    expect(onObserverError.mock.calls.map(([error, method]) => [(error as Error).message, method])).toEqual([
      ["exporter down", "activationStarted"],
      ["exporter down", "activationStarted"],
      ["async exporter down", "runFinished"],
    ]);
  });

  it("refuses invalid usage with a message naming the field", async () => {
    const { workload } = makeWorkload();
    workload.addNode((_p, { runtime }) => {
      runtime.recordUsage({ model: "m", vendor: "v", inputTokens: -1, outputTokens: 0 });
    }, { name: "a", role: "r" });
    const error = await workload.execute(null).catch((caught: unknown) => caught);
    expect(((error as Error).cause as Error).message).toBe("Node 'a': recordUsage(): inputTokens must be a non-negative integer, got -1");
  });
});

describe("renderPayload", () => {
  it("keeps strings, writes JSON for the rest, and survives what JSON cannot hold", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(renderPayload("plain")).toBe("plain");
    expect(renderPayload({ a: [1, 2n] })).toBe('{"a":[1,"2"]}');
    expect(renderPayload(undefined)).toBe("undefined");
    expect(renderPayload(cyclic)).toBe("[object Object]");
  });

  it("truncates to the limit with a trailing ellipsis, never splitting a surrogate pair", () => {
    expect(renderPayload("abcdefgh", 6)).toBe("abc...");
    expect(renderPayload("ab😀cdefgh", 6)).toBe("ab...");
  });
});
