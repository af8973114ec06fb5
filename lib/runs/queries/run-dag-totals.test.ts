import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewSpan } from "@/lib/db/types";
import { getRunDag } from "@/lib/runs/queries/run-dag";

const T0 = 1_763_700_000_000_000_000n;
const usage = (cost: number, counts = true): Partial<NewSpan> => ({
  input_tokens: String(cost * 1000),
  output_tokens: String(cost * 100),
  cost_usd: cost.toFixed(10),
  cost_source: "reported",
  counts_usage: counts,
});
const at = (ms: number) => ({
  start_time_unix_nano: String(T0 + BigInt(ms) * 1_000_000n),
  end_time_unix_nano: String(T0 + BigInt(ms + 10) * 1_000_000n),
  duration_ns: "10000000",
});

// A GenAI trace: the agent span sums its children (not counted), a tool span with a call beneath it.
const TRACE = "1".repeat(32);
const genAi: NewSpan[] = [
  makeSpan({ trace_id: TRACE, run_id: TRACE, span_id: "a".repeat(16), name: "invoke_agent", ...at(0), ...usage(0.5, false) }),
  makeSpan({ trace_id: TRACE, run_id: TRACE, span_id: "b".repeat(16), parent_span_id: "a".repeat(16), name: "chat", ...at(1), ...usage(0.2) }),
  makeSpan({ trace_id: TRACE, run_id: TRACE, span_id: "c".repeat(16), parent_span_id: "a".repeat(16), name: "execute_tool", ...at(2) }),
  makeSpan({ trace_id: TRACE, run_id: TRACE, span_id: "d".repeat(16), parent_span_id: "c".repeat(16), name: "chat", ...at(3), ...usage(0.3) }),
];

// A Codon node repeating its agent.llm call's usage, with a tool beneath it that reports its own.
const NODE_TRACE = "2".repeat(32);
const node = { run_id: "wf-1", workload_name: "qa", workload_logic_id: "f".repeat(64), nodespec_id: "spec-planner" };
const workflow: NewSpan[] = [
  makeSpan({ ...node, trace_id: NODE_TRACE, span_id: "1".repeat(16), name: "codon.node.planner", node_name: "planner", ...at(0), ...usage(0.1) }),
  makeSpan({ ...node, trace_id: NODE_TRACE, span_id: "2".repeat(16), parent_span_id: "1".repeat(16), name: "agent.llm", ...at(1), ...usage(0.1, false) }),
  makeSpan({ ...node, nodespec_id: null, trace_id: NODE_TRACE, span_id: "3".repeat(16), parent_span_id: "1".repeat(16), name: "agent.tool", ...at(2), ...usage(0.05) }),
  makeSpan({ ...node, trace_id: "3".repeat(32), span_id: "4".repeat(16), name: "codon.node.writer", node_name: "writer", nodespec_id: "spec-writer", ...at(20), ...usage(0.2) }),
];

describe.each(testBackends())("self and total usage on DAG nodes on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;

  beforeAll(async () => {
    handle = await backend.open();
    await db().insertInto("spans").values([...genAi, ...workflow]).execute();
    await db()
      .insertInto("runs")
      .values([
        makeRun({ run_id: TRACE, trace_id: TRACE, span_count: genAi.length, ...at(0) }),
        makeRun({ run_id: node.run_id, workload_name: node.workload_name, workload_logic_id: node.workload_logic_id, span_count: workflow.length, ...at(0) }),
      ])
      .execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("gives a trace span its own counted usage and everything beneath it, once", async () => {
    const dag = (await getRunDag(db(), "default", TRACE))!;
    const figures = Object.fromEntries(dag.nodes.map((n) => [n.id.slice(0, 1), [n.costUsd, Number(n.total.costUsd.toFixed(9)), n.total.inputTokens]]));
    expect(figures).toEqual({ a: [0, 0.5, 500], b: [0.2, 0.2, 200], c: [0, 0.3, 300], d: [0.3, 0.3, 300] });
  });

  it("adds what lies beneath a workflow node's spans to its total, not the call it already repeats", async () => {
    const dag = (await getRunDag(db(), "default", "wf-1"))!;
    const planner = dag.nodes.find((n) => n.name === "planner")!;
    expect(planner.costUsd).toBeCloseTo(0.1, 9);
    expect(planner.total.costUsd).toBeCloseTo(0.15, 9);
    expect(planner.total).toMatchObject({ inputTokens: 150, outputTokens: 15 });
    const writer = dag.nodes.find((n) => n.name === "writer")!;
    expect([writer.costUsd, writer.total.costUsd]).toEqual([0.2, 0.2]);
  });

  it("cuts a workflow past maxNodes, trace and workflow alike, and says how many nodes it left out", async () => {
    const workflowDag = (await getRunDag(db(), "default", "wf-1", { maxNodes: 1 }))!;
    expect(workflowDag.nodes.map((n) => n.name)).toEqual(["planner"]);
    expect(workflowDag.omittedNodes).toBe(1);
    expect(workflowDag.nodes[0]!.total.costUsd).toBeCloseTo(0.15, 9);
    const traceDag = (await getRunDag(db(), "default", TRACE, { maxNodes: 2 }))!;
    expect([traceDag.nodes.length, traceDag.omittedNodes]).toEqual([2, 2]);
  });

  it("reads at most maxSpans, the first by start: past them totals are each node's own, and it says how many it left unread", async () => {
    expect((await getRunDag(db(), "default", "wf-1"))!.spansUnread).toBe(0);
    const cut = (await getRunDag(db(), "default", "wf-1", { maxSpans: 3 }))!;
    expect(cut.spansUnread).toBe(1);
    const planner = cut.nodes.find((n) => n.name === "planner")!;
    // Its own figures, exact (from the roll-ups), not what lay beneath the spans read.
    expect([planner.costUsd, planner.total.costUsd]).toEqual([0.1, 0.1]);
    expect(cut.nodes.map((n) => n.name).sort()).toEqual(["planner", "writer"]);
    // A run that grew past the cut after its row was read: its stored count says 3, four spans are there.
    await db().updateTable("runs").set({ span_count: 3 }).where("run_id", "=", "wf-1").execute();
    try {
      const grown = (await getRunDag(db(), "default", "wf-1", { maxSpans: 3 }))!;
      expect(grown.spansUnread).toBeGreaterThanOrEqual(1);
      expect(grown.nodes.find((n) => n.name === "planner")!.total.costUsd).toBe(0.1);
    } finally {
      await db().updateTable("runs").set({ span_count: workflow.length }).where("run_id", "=", "wf-1").execute();
    }
    const trace = (await getRunDag(db(), "default", TRACE, { maxSpans: 2 }))!;
    expect(trace.spansUnread).toBe(2);
    expect(Object.fromEntries(trace.nodes.map((n) => [n.id.slice(0, 1), Number(n.total.costUsd.toFixed(9))]))).toEqual({ a: 0.5, b: 0.2, c: 0, d: 0.3 });
  });
});
