import { describe, expect, it } from "vitest";
import {
  EmitToUnknownEdge,
  InvalidRunOptionsError,
  InvalidRuntimeCallError,
  NodeExecutionError,
  RunFailedError,
  StepLimitExceeded,
  WorkloadRegistrationError,
  WorkloadRuntimeError,
} from "./errors";
import type { NodeRuntime } from "./runtime";
import { ledgerSummary, makeWorkload, rejectionOf, RUN } from "./testing";

describe("emit to an unknown edge", () => {
  it("fails the node, and the run with NodeExecutionError caused by EmitToUnknownEdge", async () => {
    const { workload } = makeWorkload();
    workload.addNode((_p, { runtime }) => runtime.emit("b", 1), { name: "a", role: "r" });
    workload.addNode(() => null, { name: "b", role: "r" });

    const error = await rejectionOf(workload.execute(null, { ...RUN, entryNodes: ["a"] }));

    expect(error).toBeInstanceOf(NodeExecutionError);
    const cause = (error as NodeExecutionError).cause;
    expect(cause).toBeInstanceOf(EmitToUnknownEdge);
    expect(cause).toBeInstanceOf(WorkloadRuntimeError);
    expect((cause as EmitToUnknownEdge).message).toBe("Node 'a' emitted to 'b', but no edge 'a' -> 'b' is registered");
    expect((error as NodeExecutionError).message).toBe(
      "Node 'a' failed at step 1 (token id-1): EmitToUnknownEdge: Node 'a' emitted to 'b', but no edge 'a' -> 'b' is registered",
    );
    expect((error as NodeExecutionError).report.ledger.filter((e) => e.event_type === "token_enqueued")).toHaveLength(1);
  });

  it("names a target that is not a node at all", async () => {
    const { workload } = makeWorkload();
    workload.addNode((_p, { runtime }) => runtime.emit("nowhere", 1), { name: "a", role: "r" });
    const error = (await rejectionOf(workload.execute(null))) as NodeExecutionError;
    expect((error.cause as Error).message).toBe("Node 'a' emitted to 'nowhere', which is not a registered node");
  });

  it("can be caught by the node, which then completes", async () => {
    const { workload } = makeWorkload();
    workload.addNode(
      (_p, { runtime }) => {
        try {
          runtime.emit("nowhere", 1);
        } catch (error) {
          return error instanceof EmitToUnknownEdge ? "recovered" : "other";
        }
      },
      { name: "a", role: "r" },
    );
    const report = await workload.execute(null);
    expect(report.activations[0]).toMatchObject({ status: "ok", output: "recovered", emitted: [] });
  });
});

describe("step limit", () => {
  function loop(maxSteps: number) {
    const { workload } = makeWorkload();
    workload.addNode((n: number, { runtime }) => runtime.emit("pong", n + 1), { name: "ping", role: "r" });
    workload.addNode((n: number, { runtime }) => runtime.emit("ping", n + 1), { name: "pong", role: "r" });
    workload.addEdge("ping", "pong").addEdge("pong", "ping");
    return workload.execute(0, { ...RUN, maxSteps });
  }

  it("stops a runaway cycle with StepLimitExceeded carrying the report so far", async () => {
    const error = await rejectionOf(loop(5));

    expect(error).toBeInstanceOf(StepLimitExceeded);
    expect(error).toBeInstanceOf(RunFailedError);
    const { report, maxSteps, nextNode } = error as StepLimitExceeded;
    expect([maxSteps, nextNode]).toEqual([5, "pong"]);
    expect((error as Error).message).toMatch(/^Run run-1 reached maxSteps=5 with tokens still queued \(next for 'pong'\)/);
    expect(report).toMatchObject({ status: "error", stopReason: "step_limit_exceeded", error: { name: "StepLimitExceeded" } });
    expect(report.activations.map((a) => a.node)).toEqual(["ping", "pong", "ping", "pong", "ping"]);
    expect(report.ledger.at(-1)).toMatchObject({
      event_type: "runtime_stopped",
      source_node: "ping",
      target_node: "pong",
      token_id: "id-6",
      metadata: { reason: "step_limit_exceeded", pending_tokens: 1 },
    });
    // The waiting token was never dequeued.
    expect(report.ledger.filter((e) => e.event_type === "token_dequeued")).toHaveLength(5);
  });

  it("lets a run that needs exactly maxSteps activations complete", async () => {
    const { workload } = makeWorkload();
    workload.addNode((_p, { runtime }) => runtime.emit("b", null), { name: "a", role: "r" });
    workload.addNode(() => "end", { name: "b", role: "r" });
    workload.addEdge("a", "b");
    await expect(workload.execute(null, { maxSteps: 2 })).resolves.toMatchObject({ stopReason: "completed" });
  });
});

describe("node failure", () => {
  it("records node_failed and rejects with the partial report and the cause", async () => {
    const { workload, clock } = makeWorkload();
    const boom = new TypeError("model returned nothing");
    workload.addNode((p, { runtime }) => runtime.emit("writer", p), { name: "planner", role: "llm" });
    workload.addNode(
      (_p, { runtime }) => {
        runtime.emit("never", "queued before the failure");
        clock.advance(7);
        throw boom;
      },
      { name: "writer", role: "llm" },
    );
    workload.addNode(() => "unreached", { name: "never", role: "r" });
    workload.addEdge("planner", "writer").addEdge("writer", "never");

    const error = await rejectionOf(workload.execute("topic", RUN));

    expect(error).toBeInstanceOf(NodeExecutionError);
    const failed = error as NodeExecutionError;
    expect([failed.nodeName, failed.tokenId, failed.step, failed.cause]).toEqual(["writer", "id-2", 2, boom]);
    expect(failed.report).toMatchObject({
      status: "error",
      stopReason: "node_failed",
      error: { name: "NodeExecutionError", message: "Node 'writer' failed at step 2 (token id-2): TypeError: model returned nothing" },
    });
    expect(failed.report.activations.map((a) => [a.node, a.status, a.output, a.error, a.durationMs])).toEqual([
      ["planner", "ok", "id-2", null, 0],
      ["writer", "error", undefined, { name: "TypeError", message: "model returned nothing" }, 7],
    ]);
    expect(ledgerSummary(failed.report.ledger).slice(-3)).toEqual([
      "token_dequeued planner->writer",
      "token_enqueued writer->never",
      "node_failed writer",
    ]);
    expect(failed.report.ledger.at(-1)?.metadata).toEqual({ exception: "TypeError: model returned nothing", duration_ms: 7 });
  });

  it("handles a node that throws something other than an Error", async () => {
    const { workload } = makeWorkload();
    workload.addNode(() => Promise.reject("plain text"), { name: "a", role: "r" });
    const error = (await rejectionOf(workload.execute(null))) as NodeExecutionError;
    expect(error.cause).toBe("plain text");
    expect(error.report.activations[0]?.error).toEqual({ name: "string", message: "plain text" });
  });
});

describe("invalid run options", () => {
  it("rejects before anything runs", async () => {
    const { workload } = makeWorkload();
    await expect(workload.execute(null)).rejects.toThrow("Workload 'Test Agent' has no nodes; add one with addNode()");
    workload.addNode(() => null, { name: "a", role: "r" });
    await expect(workload.execute(null, { entryNodes: ["zzz"] })).rejects.toThrow("entry node 'zzz' is not registered");
    await expect(workload.execute(null, { entryNodes: [] })).rejects.toThrow("entryNodes is empty");
    await expect(workload.execute(null, { maxSteps: 0 })).rejects.toThrow("maxSteps must be a positive integer, got 0");
    await expect(workload.execute(null, { deploymentId: "" })).rejects.toThrow(InvalidRunOptionsError);
    expect(() => workload.stream(null, { maxSteps: 1.5 })).toThrow(InvalidRunOptionsError);
  });
});

describe("runtime misuse", () => {
  it("refuses the built-in event types and empty ones", async () => {
    const { workload } = makeWorkload();
    const outcomes: string[] = [];
    workload.addNode(
      (_p, { runtime }) => {
        for (const type of ["node_completed", "token_enqueued", ""]) {
          try {
            runtime.recordEvent(type);
          } catch (error) {
            outcomes.push(error instanceof InvalidRuntimeCallError ? error.message : "other");
          }
        }
      },
      { name: "a", role: "r" },
    );
    const report = await workload.execute(null);
    expect(outcomes).toEqual([
      "Node 'a': 'node_completed' is recorded by the runtime itself; pick another event type",
      "Node 'a': 'token_enqueued' is recorded by the runtime itself; pick another event type",
      "Node 'a': recordEvent() needs a non-empty event type",
    ]);
    expect(report.ledger.filter((e) => e.event_type === "node_completed")).toHaveLength(1);
  });

  it("refuses calls after the activation finished", async () => {
    const { workload } = makeWorkload();
    let kept: NodeRuntime | undefined;
    workload.addNode((_p, { runtime }) => {
      kept = runtime;
    }, { name: "a", role: "r" });
    workload.addEdge("a", "a");
    await workload.execute(null, { entryNodes: ["a"], maxSteps: 1 });
    expect(() => kept?.emit("a", 1)).toThrow("Node 'a' called runtime.emit() after its activation (step 1) finished");
    expect(() => kept?.stop()).toThrow(InvalidRuntimeCallError);
  });

  it("keeps registration and runtime errors apart", () => {
    expect(new InvalidRuntimeCallError("x")).not.toBeInstanceOf(WorkloadRegistrationError);
    expect(new InvalidRunOptionsError("x")).toBeInstanceOf(WorkloadRuntimeError);
  });
});
