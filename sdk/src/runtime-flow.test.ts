import { describe, expect, it } from "vitest";
import { nodeOutputs } from "./report";
import { ledgerSummary, makeWorkload, RUN, T0 } from "./testing";

describe("linear flow", () => {
  it("passes tokens along edges, records results and the ledger in order", async () => {
    const { workload, clock } = makeWorkload();
    workload.addNode<string>(
      (question, { runtime }) => {
        clock.advance(5);
        runtime.emit("writer", { outline: `about ${question}` });
        return "planned";
      },
      { name: "planner", role: "llm" },
    );
    workload.addNode<{ outline: string }>(
      async (plan) => {
        clock.advance(20);
        return `article: ${plan.outline}`;
      },
      { name: "writer", role: "llm" },
    );
    workload.addEdge("planner", "writer");

    const report = await workload.execute("cats", { ...RUN, deploymentId: "prod-eu" });

    expect(report).toMatchObject({ runId: "run-1", status: "ok", stopReason: "completed", error: null, deploymentId: "prod-eu" });
    expect(report).toMatchObject({ workloadId: "test-agent:1.0.0", workloadName: "Test Agent", workloadVersion: "1.0.0", logicId: workload.logicId });
    expect(nodeOutputs(report, "planner")).toEqual(["planned"]);
    expect(nodeOutputs(report, "writer")).toEqual(["article: about cats"]);
    expect(report.activations.map((a) => [a.step, a.node, a.status, a.durationMs])).toEqual([
      [1, "planner", "ok", 5],
      [2, "writer", "ok", 20],
    ]);
    expect(report.durationMs).toBe(25);
    expect(report.startedAt).toBe(new Date(T0).toISOString());
    expect(ledgerSummary(report.ledger)).toEqual([
      "token_enqueued __entry__->planner",
      "token_dequeued __entry__->planner",
      "token_enqueued planner->writer",
      "node_completed planner",
      "token_dequeued planner->writer",
      "node_completed writer",
    ]);
  });

  it("gives tokens ids, parents and lineage, and copies them onto the ledger", async () => {
    const { workload } = makeWorkload();
    workload.addNode((p, { runtime }) => runtime.emit("b", p), { name: "a", role: "r" });
    workload.addNode((p, { runtime }) => runtime.emit("c", p), { name: "b", role: "r" });
    workload.addNode((_p, { runtime }) => runtime.token, { name: "c", role: "r" });
    workload.addEdge("a", "b").addEdge("b", "c");

    const report = await workload.execute("x", RUN);

    // id-1.. come from the injected generator: entry token, then one per emit.
    expect(report.activations.map((a) => a.tokenId)).toEqual(["id-1", "id-2", "id-3"]);
    expect(report.activations.map((a) => a.emitted)).toEqual([["id-2"], ["id-3"], []]);
    expect(nodeOutputs(report, "c")[0]).toEqual({ id: "id-3", origin: "b", parentId: "id-2", lineage: ["a", "b"], ancestorIds: ["id-1", "id-2"], payload: "x" });
    const enqueued = report.ledger.filter((e) => e.event_type === "token_enqueued");
    expect(enqueued.map((e) => [e.token_id, e.parent_id, e.lineage])).toEqual([
      ["id-1", null, []],
      ["id-2", "id-1", ["a"]],
      ["id-3", "id-2", ["a", "b"]],
    ]);
    expect(enqueued[0]?.metadata).toEqual({ payload_repr: "x", seed: true });
    const completed = report.ledger.find((e) => e.event_type === "node_completed" && e.source_node === "b");
    expect(completed).toMatchObject({ token_id: "id-2", parent_id: "id-1", target_node: null, metadata: { result_repr: "id-3", emissions: 1 } });
    expect(report.ledger.every((e) => e.timestamp === new Date(T0).toISOString())).toBe(true);
  });

  it("treats a return value as the node's output only: nothing is routed without emit()", async () => {
    const { workload } = makeWorkload();
    workload.addNode(() => "returned", { name: "a", role: "r" });
    workload.addNode(() => "never", { name: "b", role: "r" });
    workload.addEdge("a", "b");
    const report = await workload.execute(null);
    expect(report.activations.map((a) => a.node)).toEqual(["a"]);
    expect(report.results.b).toBeUndefined();
  });

  it("hands every node the run context", async () => {
    const { workload } = makeWorkload();
    workload.addNode((_p, { context }) => ({ ...context }), { name: "a", role: "r" });
    const report = await workload.execute(null, { runId: "r-9" });
    expect(nodeOutputs(report, "a")[0]).toEqual({
      runId: "r-9",
      deploymentId: "local",
      logicId: workload.logicId,
      workloadId: "test-agent:1.0.0",
      workloadName: "Test Agent",
      workloadVersion: "1.0.0",
      orgNamespace: "acme",
    });
  });
});

describe("fan-out and entry nodes", () => {
  it("runs emitted tokens first in, first out across the whole run", async () => {
    const { workload } = makeWorkload();
    workload.addNode(
      (p, { runtime }) => {
        runtime.emit("left", p);
        runtime.emit("right", p);
      },
      { name: "split", role: "r" },
    );
    workload.addNode((p, { runtime }) => runtime.emit("join", `L${String(p)}`), { name: "left", role: "r" });
    workload.addNode((p, { runtime }) => runtime.emit("join", `R${String(p)}`), { name: "right", role: "r" });
    workload.addNode((p) => p, { name: "join", role: "r" });
    workload.addEdge("split", "left").addEdge("split", "right").addEdge("left", "join").addEdge("right", "join");

    const report = await workload.execute(1);

    expect(report.activations.map((a) => a.node)).toEqual(["split", "left", "right", "join", "join"]);
    expect(nodeOutputs(report, "join")).toEqual(["L1", "R1"]);
  });

  it("seeds every node without incoming edges, in the order they were added", async () => {
    const { workload } = makeWorkload();
    for (const name of ["a", "b", "sink"]) workload.addNode((p) => `${name}:${String(p)}`, { name, role: "r" });
    workload.addEdge("a", "sink").addEdge("b", "sink");
    const report = await workload.execute("in");
    expect(report.activations.map((a) => a.output)).toEqual(["a:in", "b:in"]);
    expect(report.ledger.filter((e) => e.metadata.seed === true).map((e) => e.target_node)).toEqual(["a", "b"]);
  });

  it("seeds the first node added when every node has an incoming edge", async () => {
    const { workload } = makeWorkload();
    workload.addNode(() => "x", { name: "x", role: "r" });
    workload.addNode(() => "y", { name: "y", role: "r" });
    workload.addEdge("y", "x").addEdge("x", "y");
    const report = await workload.execute(null);
    expect(report.activations.map((a) => a.node)).toEqual(["x"]);
  });

  it("seeds the entryNodes given instead", async () => {
    const { workload } = makeWorkload();
    workload.addNode(() => "a", { name: "a", role: "r" });
    workload.addNode(() => "b", { name: "b", role: "r" });
    workload.addEdge("a", "b");
    const report = await workload.execute(null, { entryNodes: ["b"] });
    expect(report.activations.map((a) => a.node)).toEqual(["b"]);
  });
});

describe("cycles, stop() and state", () => {
  it("loops draft -> review -> draft until the reviewer approves", async () => {
    const { workload } = makeWorkload();
    workload.addNode<{ text: string; round: number }>(
      (draft, { runtime }) => {
        const next = { text: `${draft.text}+`, round: draft.round + 1 };
        runtime.emit("review", next);
        return next.text;
      },
      { name: "draft", role: "llm" },
    );
    workload.addNode<{ text: string; round: number }>(
      (draft, { runtime }) => {
        const approved = draft.round >= 3;
        runtime.recordEvent("review_verdict", { round: draft.round, approved });
        if (!approved) runtime.emit("draft", draft);
        return approved ? "approved" : "revise";
      },
      { name: "review", role: "llm" },
    );
    workload.addEdge("draft", "review").addEdge("review", "draft");

    const report = await workload.execute({ text: "v", round: 0 }, { entryNodes: ["draft"], maxSteps: 10 });

    expect(report.stopReason).toBe("completed");
    expect(nodeOutputs(report, "draft")).toEqual(["v+", "v++", "v+++"]);
    expect(nodeOutputs(report, "review")).toEqual(["revise", "revise", "approved"]);
    const verdicts = report.ledger.filter((e) => e.event_type === "review_verdict").map((e) => e.metadata);
    expect(verdicts).toEqual([
      { round: 1, approved: false },
      { round: 2, approved: false },
      { round: 3, approved: true },
    ]);
    expect(report.activations.at(-1)).toMatchObject({ node: "review", step: 6 });
  });

  it("stop() ends the run after the current activation and leaves queued tokens", async () => {
    const { workload } = makeWorkload();
    workload.addNode(
      (_p, { runtime }) => {
        runtime.emit("a", "first");
        runtime.emit("b", "second");
        return "fanned";
      },
      { name: "start", role: "r" },
    );
    workload.addNode(
      (_p, { runtime }) => {
        runtime.stop();
        expect(runtime.stopRequested).toBe(true);
        return "stopping";
      },
      { name: "a", role: "r" },
    );
    workload.addNode(() => "never", { name: "b", role: "r" });
    workload.addEdge("start", "a").addEdge("start", "b");

    const report = await workload.execute(null, RUN);

    expect(report).toMatchObject({ status: "ok", stopReason: "stop_requested" });
    expect(report.activations.map((a) => [a.node, a.output])).toEqual([
      ["start", "fanned"],
      ["a", "stopping"],
    ]);
    const last = report.ledger.at(-1);
    expect(last).toMatchObject({
      event_type: "runtime_stopped",
      token_id: "id-2",
      source_node: "a",
      target_node: null,
      metadata: { reason: "stop_requested", pending_tokens: 1 },
    });
    expect(ledgerSummary(report.ledger).slice(-2)).toEqual(["node_completed a", "runtime_stopped a"]);
  });

  it("shares one state object between the nodes of a run, and a fresh one per run", async () => {
    const { workload } = makeWorkload();
    workload.addNode(
      (_p, { runtime }) => {
        runtime.state.visits = Number(runtime.state.visits ?? 0) + 1;
        runtime.emit("b", null);
      },
      { name: "a", role: "r" },
    );
    workload.addNode((_p, { runtime }) => {
      runtime.state.seenByB = runtime.state.visits;
      return runtime.state.visits;
    }, { name: "b", role: "r" });
    workload.addEdge("a", "b");

    const first = await workload.execute(null);
    const second = await workload.execute(null);
    expect(first.state).toEqual({ visits: 1, seenByB: 1 });
    expect(second.state).toEqual({ visits: 1, seenByB: 1 });
    expect(first.state).not.toBe(second.state);
  });

  it("records custom events with the token, node and metadata", async () => {
    const { workload } = makeWorkload();
    workload.addNode(
      (_p, { runtime }) => {
        const metadata = { tool: "search", hits: 3 };
        runtime.recordEvent("tool_called", metadata);
        metadata.hits = 99; // the ledger keeps what was recorded
        runtime.recordEvent("no_metadata");
      },
      { name: "agent", role: "tool" },
    );
    const report = await workload.execute("q", RUN);
    const custom = report.ledger.filter((e) => e.event_type === "tool_called" || e.event_type === "no_metadata");
    expect(custom).toEqual([
      { event_type: "tool_called", timestamp: new Date(T0).toISOString(), token_id: "id-1", parent_id: null, source_node: "agent", target_node: null, metadata: { tool: "search", hits: 3 }, lineage: [] },
      { event_type: "no_metadata", timestamp: new Date(T0).toISOString(), token_id: "id-1", parent_id: null, source_node: "agent", target_node: null, metadata: {}, lineage: [] },
    ]);
  });

  it("runs nodes one at a time even when they are async", async () => {
    const { workload } = makeWorkload();
    const log: string[] = [];
    const node = (name: string) => async (_p: unknown, { runtime }: { runtime: { emit: (t: string, p: unknown) => string } }) => {
      log.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (name === "root") {
        runtime.emit("x", null);
        runtime.emit("y", null);
      }
      log.push(`${name} end`);
    };
    workload.addNode(node("root"), { name: "root", role: "r" });
    workload.addNode(node("x"), { name: "x", role: "r" });
    workload.addNode(node("y"), { name: "y", role: "r" });
    workload.addEdge("root", "x").addEdge("root", "y");
    await workload.execute(null);
    expect(log).toEqual(["root start", "root end", "x start", "x end", "y start", "y end"]);
  });
});
