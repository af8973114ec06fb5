import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewAuditEvent, NewSpan } from "@/lib/db/types";
import { executionId } from "@/lib/agentfield/ids";
import type { ExecutionCursor } from "@/lib/agentfield/params";
import { getExecution, getWorkflow, listWorkflowExecutions, loadWorkflowSnapshot } from "@/lib/agentfield/queries/workflows";

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;
const at = (ms: number) => (T0 + BigInt(ms) * MS).toString();
const traceOf = (i: number) => `${String(i).padStart(4, "0")}${"e".repeat(28)}`;
const spanOf = (i: number) => String(i + 1).padStart(16, "0");
const exec = (i: number) => executionId(traceOf(i), spanOf(i));

/** One activation of a Codon run: a root span in a trace of its own, as the runtime sends it. */
function nodeSpan(runId: string, node: string, i: number, extra: Partial<NewSpan> = {}): NewSpan {
  return makeSpan({
    trace_id: traceOf(i),
    span_id: spanOf(i),
    run_id: runId,
    name: `codon.node.${node}`,
    node_name: node,
    nodespec_id: `${node}-spec`,
    service_name: "writer-svc",
    workload_name: "Writer",
    start_time_unix_nano: at(i * 10),
    end_time_unix_nano: at(i * 10 + 5),
    duration_ns: (5n * MS).toString(),
    input_text: `in ${i}`,
    output_text: `out ${i}`,
    ...extra,
  });
}

let seq = 0;
/** An audit event as a ledger posted as JSON stores it: token ids, no span ids. */
function event(runId: string, type: string, ms: number, token: string, parent: string | null, source: string, target: string | null, metadata = {}): NewAuditEvent {
  return { tenant_id: "default", run_id: runId, dedupe_key: `k${seq++}`, time_unix_nano: at(ms), event_type: type, token_id: token, parent_token_id: parent, source_node: source, target_node: target, lineage: [], metadata };
}

/** planner -> writer <-> reviewer, sent back once: the ledger of a 5-activation loop. */
function loopLedger(runId: string): NewAuditEvent[] {
  const steps: [string, string, string | null, string, [string, string] | null][] = [
    // node, token consumed, its parent, its source, emits [target, token]
    ["planner", "e1", null, "__entry__", ["writer", "w1"]],
    ["writer", "w1", "e1", "planner", ["reviewer", "r1"]],
    ["reviewer", "r1", "w1", "writer", ["writer", "w2"]],
    ["writer", "w2", "r1", "reviewer", ["reviewer", "r2"]],
    ["reviewer", "r2", "w2", "writer", null],
  ];
  const events = [event(runId, "token_enqueued", 0, "e1", null, "__entry__", "planner")];
  steps.forEach(([node, token, parent, source, emits], i) => {
    events.push(event(runId, "token_dequeued", i * 10, token, parent, source, node));
    if (emits) events.push(event(runId, "token_enqueued", i * 10 + 1, emits[1], token, node, emits[0]));
    events.push(event(runId, "node_completed", i * 10 + 2, token, parent, node, null));
  });
  return events;
}

describe.each(testBackends())("workflow queries on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const TRACE = "f".repeat(32);

  beforeAll(async () => {
    handle = await backend.open();
    const kysely = db();
    await kysely.insertInto("tenants").values({ id: "other", name: "Other" }).execute();
    await kysely
      .insertInto("runs")
      .values([
        makeRun({ run_id: "loop", trace_id: traceOf(0), status: "completed", start_time_unix_nano: at(0), end_time_unix_nano: at(45), duration_ns: (45n * MS).toString() }),
        makeRun({ run_id: TRACE, trace_id: TRACE, status: "failed", error_message: "chat failed" }),
        makeRun({ run_id: "graph-only", trace_id: traceOf(9), status: "running" }),
        makeRun({ run_id: "partial", trace_id: traceOf(20), status: "completed" }),
        makeRun({ run_id: "tick", trace_id: traceOf(30), status: "completed" }),
        makeRun({ tenant_id: "other", run_id: "loop", trace_id: traceOf(0) }),
      ])
      .execute();
    await kysely
      .insertInto("spans")
      .values([
        nodeSpan("loop", "planner", 0),
        nodeSpan("loop", "writer", 1, { service_name: null }),
        nodeSpan("loop", "reviewer", 2),
        nodeSpan("loop", "writer", 3),
        // Same start as the one before: the cursor breaks the tie by trace id.
        nodeSpan("loop", "reviewer", 4, { start_time_unix_nano: at(30), duration_ns: (15n * MS).toString(), end_time_unix_nano: at(45) }),
        // The run's own non-node spans are not executions.
        makeSpan({ run_id: "loop", trace_id: traceOf(7), span_id: spanOf(7), name: "agent.graph", start_time_unix_nano: at(0), end_time_unix_nano: at(0), duration_ns: "0" }),
        makeSpan({ run_id: "loop", trace_id: traceOf(1), span_id: spanOf(8), parent_span_id: spanOf(1), name: "agent.llm", nodespec_id: "writer-spec", counts_usage: false }),
        // A generic trace: a root, its child, a grandchild, and a span whose parent is not in the run.
        makeSpan({ run_id: TRACE, trace_id: TRACE, span_id: "1".repeat(16), name: "invoke_agent", service_name: "orchestrator", start_time_unix_nano: at(0), end_time_unix_nano: at(100), duration_ns: (100n * MS).toString() }),
        makeSpan({ run_id: TRACE, trace_id: TRACE, span_id: "2".repeat(16), parent_span_id: "1".repeat(16), name: "chat", start_time_unix_nano: at(10), end_time_unix_nano: at(60), duration_ns: (50n * MS).toString(), status_code: "error", status_message: "rate limited" }),
        makeSpan({ run_id: TRACE, trace_id: TRACE, span_id: "3".repeat(16), parent_span_id: "2".repeat(16), name: "http", workload_name: "support", start_time_unix_nano: at(20), end_time_unix_nano: at(30), duration_ns: (10n * MS).toString() }),
        makeSpan({ run_id: TRACE, trace_id: TRACE, span_id: "4".repeat(16), parent_span_id: "9".repeat(16), name: "orphan", start_time_unix_nano: at(70), end_time_unix_nano: at(80), duration_ns: (10n * MS).toString() }),
        // A Codon run whose graph span arrived before any node span.
        makeSpan({ run_id: "graph-only", trace_id: traceOf(9), span_id: spanOf(9), name: "agent.graph" }),
        // The ledger says two activations ran; one span arrived so far.
        nodeSpan("partial", "plan", 20),
        // Two activations in one clock tick (SDK clocks are often ms): the ledger knows which ran first.
        nodeSpan("tick", "second", 30, { start_time_unix_nano: at(300) }),
        nodeSpan("tick", "first", 31, { start_time_unix_nano: at(300) }),
        // Another tenant's copy of the run.
        { ...nodeSpan("loop", "planner", 0), tenant_id: "other", input_text: "secret" },
      ])
      .execute();
    await kysely
      .insertInto("audit_events")
      .values([
        ...loopLedger("loop"),
        event("partial", "token_enqueued", 200, "p1", null, "__entry__", "plan"),
        event("partial", "token_dequeued", 200, "p1", null, "__entry__", "plan"),
        event("partial", "token_enqueued", 201, "p2", "p1", "plan", "act"),
        event("partial", "node_completed", 202, "p1", null, "plan", null),
        event("partial", "token_dequeued", 210, "p2", "p1", "plan", "act"),
        event("partial", "node_failed", 212, "p2", "p1", "act", null, { exception: "Error: act broke" }),
        event("tick", "token_enqueued", 300, "k1", null, "__entry__", "first"),
        event("tick", "token_dequeued", 300, "k1", null, "__entry__", "first"),
        event("tick", "token_enqueued", 300, "k2", "k1", "first", "second"),
        event("tick", "token_dequeued", 300, "k2", "k1", "first", "second"),
      ])
      .execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("a Codon run: its node spans in start order, parents from the ledger through the loop, edges, agents", async () => {
    const workflow = (await getWorkflow(db(), "default", "loop"))!;
    expect(workflow).toMatchObject({ workflow_id: "loop", status: "completed", started_at: "2024-11-21T11:53:20.000Z", duration_ms: 45, omitted_nodes: 0 });
    expect(workflow.nodes.map((n) => [n.reasoner_name, n.execution_id, n.parent_execution_id, n.agent_node_id, n.status])).toEqual([
      ["planner", exec(0), null, "writer-svc", "completed"],
      ["writer", exec(1), exec(0), "Writer", "completed"],
      ["reviewer", exec(2), exec(1), "writer-svc", "completed"],
      ["writer", exec(3), exec(2), "writer-svc", "completed"],
      ["reviewer", exec(4), exec(3), "writer-svc", "completed"],
    ]);
    expect(workflow.nodes[0]).toEqual({ execution_id: exec(0), agent_node_id: "writer-svc", reasoner_name: "planner", parent_execution_id: null, status: "completed", duration_ms: 5, started_at: "2024-11-21T11:53:20.000Z" });
    expect(workflow.edges).toEqual([1, 2, 3, 4].map((i) => ({ from: exec(i - 1), to: exec(i) })));
  });

  it("a generic trace: every span, parent spans within the run, failures with their message", async () => {
    const workflow = (await getWorkflow(db(), "default", TRACE))!;
    const id = (c: string) => executionId(TRACE, c.repeat(16));
    expect(workflow.status).toBe("failed");
    expect(workflow.nodes.map((n) => [n.reasoner_name, n.parent_execution_id, n.agent_node_id, n.status])).toEqual([
      ["invoke_agent", null, "orchestrator", "completed"],
      ["chat", id("1"), null, "failed"],
      ["http", id("2"), "support", "completed"],
      ["orphan", null, null, "completed"],
    ]);
    expect(workflow.edges).toEqual([
      { from: id("1"), to: id("2") },
      { from: id("2"), to: id("3") },
    ]);
    expect(await getExecution(db(), "default", { traceId: TRACE, spanId: "2".repeat(16) })).toMatchObject({ workflow_id: TRACE, status: "failed", error: "rate limited", parent_execution_id: id("1") });
  });

  it("a Codon run with only its graph span has no executions yet; unknown runs and other tenants' runs are null", async () => {
    expect(await getWorkflow(db(), "default", "graph-only")).toMatchObject({ workflow_id: "graph-only", status: "running", nodes: [], edges: [] });
    expect(await getWorkflow(db(), "default", "nope")).toBeNull();
    expect(await getWorkflow(db(), "acme", "loop")).toBeNull();
    expect(await loadWorkflowSnapshot(db(), "default", "nope")).toBeNull();
    expect(await listWorkflowExecutions(db(), "default", "nope", { limit: 10, cursor: null })).toBeNull();
  });

  it("one execution with input, output, timing and its parent; null for non-executions, unknown spans and other tenants", async () => {
    expect(await getExecution(db(), "default", { traceId: traceOf(3), spanId: spanOf(3) })).toEqual({
      execution_id: exec(3),
      workflow_id: "loop",
      agent_node_id: "writer-svc",
      reasoner_name: "writer",
      parent_execution_id: exec(2),
      status: "completed",
      duration_ms: 5,
      started_at: "2024-11-21T11:53:20.030Z",
      completed_at: "2024-11-21T11:53:20.035Z",
      input: "in 3",
      output: "out 3",
      error: null,
    });
    expect(await getExecution(db(), "default", { traceId: traceOf(7), spanId: spanOf(7) })).toBeNull(); // agent.graph
    expect(await getExecution(db(), "default", { traceId: traceOf(1), spanId: spanOf(8) })).toBeNull(); // agent.llm
    expect(await getExecution(db(), "default", { traceId: "0".repeat(31) + "1", spanId: spanOf(0) })).toBeNull();
    expect((await getExecution(db(), "other", { traceId: traceOf(0), spanId: spanOf(0) }))?.input).toBe("secret");
    expect(await getExecution(db(), "acme", { traceId: traceOf(0), spanId: spanOf(0) })).toBeNull();
  });

  it("pages through the executions exactly once, in start order, ties broken by span", async () => {
    const seen: string[] = [];
    const parents: (string | null)[] = [];
    let cursor: ExecutionCursor | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof listWorkflowExecutions>> = await listWorkflowExecutions(db(), "default", "loop", { limit: 2, cursor });
      seen.push(...page!.executions.map((e) => e.execution_id));
      parents.push(...page!.executions.map((e) => e.parent_execution_id));
      expect(page!.executions.every((e) => e.workflow_id === "loop" && e.input !== null)).toBe(true);
      cursor = page!.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([0, 1, 2, 3, 4].map(exec));
    expect(parents).toEqual([null, exec(0), exec(1), exec(2), exec(3)]);
  });

  it("orders (and pages) activations that started in the same clock tick as the ledger ran them", async () => {
    const workflow = (await getWorkflow(db(), "default", "tick"))!;
    expect(workflow.nodes.map((n) => [n.reasoner_name, n.parent_execution_id])).toEqual([
      ["first", null],
      ["second", exec(31)],
    ]);
    const first = (await listWorkflowExecutions(db(), "default", "tick", { limit: 1, cursor: null }))!;
    const second = (await listWorkflowExecutions(db(), "default", "tick", { limit: 1, cursor: first.nextCursor }))!;
    expect([...first.executions, ...second.executions].map((e) => [e.reasoner_name, e.input])).toEqual([
      ["first", "in 31"],
      ["second", "in 30"],
    ]);
    expect(second.nextCursor).toBeNull();
  });

  it("the events snapshot counts activations the ledger knows of whose spans have not arrived", async () => {
    const partial = (await loadWorkflowSnapshot(db(), "default", "partial"))!;
    expect(partial.executions.map((e) => e.reasoner_name)).toEqual(["plan"]);
    expect(partial.missingExecutions).toBe(1);
    expect((await loadWorkflowSnapshot(db(), "default", "loop"))!.missingExecutions).toBe(0);
  });

  it("reads at most the limit's first ledger events: later activations take their span parents, missing ones are still counted", async () => {
    // The loop's first five events: e1 enqueued, dequeued; w1 enqueued; e1 completed; w1 dequeued.
    const workflow = (await getWorkflow(db(), "default", "loop", { ledgerEvents: 5 }))!;
    expect(workflow.nodes.map((n) => [n.reasoner_name, n.parent_execution_id])).toEqual([
      ["planner", null],
      ["writer", exec(0)],
      ["reviewer", null],
      ["writer", null],
      ["reviewer", null],
    ]);
    expect((await getExecution(db(), "default", { traceId: traceOf(1), spanId: spanOf(1) }, { ledgerEvents: 5 }))?.parent_execution_id).toBe(exec(0));
    expect((await getExecution(db(), "default", { traceId: traceOf(3), spanId: spanOf(3) }, { ledgerEvents: 5 }))?.parent_execution_id).toBeNull();
    // Its settled events (one completed, one failed) lie past a cut of three, and are counted there.
    const partial = (await loadWorkflowSnapshot(db(), "default", "partial", { ledgerEvents: 3 }))!;
    expect(partial.missingExecutions).toBe(1);
    expect((await loadWorkflowSnapshot(db(), "default", "loop", { ledgerEvents: 5 }))!.missingExecutions).toBe(0);
  });
});
