import { describe, expect, it } from "vitest";
import { NodeExecutionError } from "./errors";
import type { StreamItem } from "./report";
import { makeWorkload, recordingObserver, RUN } from "./testing";

function describeItem(item: StreamItem): string {
  if (item.kind === "ledger") return `ledger ${item.event.event_type}`;
  if (item.kind === "node_result") return `result ${item.result.node}`;
  return `report ${item.report.stopReason}`;
}

function twoNodes() {
  const { workload } = makeWorkload();
  workload.addNode(
    (p, { runtime }) => {
      runtime.recordEvent("thinking");
      runtime.emit("b", p);
      return "a done";
    },
    { name: "a", role: "r" },
  );
  workload.addNode(() => "b done", { name: "b", role: "r" });
  workload.addEdge("a", "b");
  return workload;
}

describe("stream", () => {
  it("yields ledger events and node results in the order they happen, then the report", async () => {
    const items: StreamItem[] = [];
    for await (const item of twoNodes().stream("x", RUN)) items.push(item);

    expect(items.map(describeItem)).toEqual([
      "ledger token_enqueued",
      "ledger token_dequeued",
      "ledger thinking",
      "ledger token_enqueued",
      "ledger node_completed",
      "result a",
      "ledger token_dequeued",
      "ledger node_completed",
      "result b",
      "report completed",
    ]);
    const last = items.at(-1);
    expect(last?.kind === "report" && last.report.ledger.length).toBe(7);
    expect(last?.kind === "report" && last.report.runId).toBe("run-1");
  });

  it("delivers the same items as execute() records", async () => {
    const workload = twoNodes();
    const streamed: StreamItem[] = [];
    for await (const item of workload.stream("x", RUN)) streamed.push(item);
    const report = await workload.execute("x", RUN);
    const events = streamed.flatMap((item) => (item.kind === "ledger" ? [item.event] : []));
    expect(events.map((e) => [e.event_type, e.source_node, e.target_node])).toEqual(
      report.ledger.map((e) => [e.event_type, e.source_node, e.target_node]),
    );
  });

  it("yields an item while the node is still running", async () => {
    const { workload } = makeWorkload();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    workload.addNode(
      async (_p, { runtime }) => {
        runtime.recordEvent("started_work");
        await gate;
        return "finished";
      },
      { name: "slow", role: "r" },
    );
    const iterator = workload.stream(null);
    const seen: string[] = [];
    for (;;) {
      const { value } = await iterator.next();
      if (!value) break;
      seen.push(describeItem(value));
      if (value.kind === "ledger" && value.event.event_type === "started_work") break;
    }
    expect(seen).toEqual(["ledger token_enqueued", "ledger token_dequeued", "ledger started_work"]);
    release();
    const rest: string[] = [];
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) rest.push(describeItem(next.value));
    expect(rest).toEqual(["ledger node_completed", "result slow", "report completed"]);
  });

  it("starts the next activation only once the consumer has taken every item so far", async () => {
    const { workload } = makeWorkload();
    let started = 0;
    workload.addNode((n: number, { runtime }) => {
      started++;
      runtime.emit("loop", n + 1);
    }, { name: "loop", role: "r" });
    workload.addEdge("loop", "loop");
    const iterator = workload.stream(0, { maxSteps: 3 });
    let next = await iterator.next();
    while (!(next.value?.kind === "node_result")) next = await iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toBe(1);
    await iterator.next(); // takes the last buffered item; the runner may go on
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(started).toBe(2);
    await iterator.return(undefined);
  });

  it("throws the run's error after the items recorded before the failure", async () => {
    const { workload } = makeWorkload();
    workload.addNode(() => {
      throw new Error("broken");
    }, { name: "a", role: "r" });
    const seen: string[] = [];
    let caught: unknown;
    try {
      for await (const item of workload.stream(null)) seen.push(describeItem(item));
    } catch (error) {
      caught = error;
    }
    expect(seen).toEqual(["ledger token_enqueued", "ledger token_dequeued", "ledger node_failed", "result a"]);
    expect(caught).toBeInstanceOf(NodeExecutionError);
    expect((caught as NodeExecutionError).report.stopReason).toBe("node_failed");
  });

  it("cancels the run after the current activation when the consumer leaves early", async () => {
    const observer = recordingObserver();
    const { workload } = makeWorkload({ observer });
    workload.addNode((n: number, { runtime }) => runtime.emit("loop", n + 1), { name: "loop", role: "r" });
    workload.addEdge("loop", "loop");

    for await (const item of workload.stream(0, { maxSteps: 100 })) {
      if (item.kind === "node_result") break;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));

    const finished = observer.calls.find((call) => call.method === "runFinished");
    expect(finished?.method === "runFinished" && finished.report.stopReason).toBe("cancelled");
    expect(finished?.method === "runFinished" && finished.report.activations.length).toBe(1);
    expect(finished?.method === "runFinished" && finished.report.ledger.at(-1)?.metadata).toEqual({ reason: "cancelled", pending_tokens: 1 });
  });
});
