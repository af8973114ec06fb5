import { describe, expect, it } from "vitest";
import { ParamError } from "@/lib/http/params";
import { executionId, parseExecutionId } from "@/lib/agentfield/ids";
import { buildExecutions, missingExecutions, toExecution, toWorkflow, workflowStatus, type ExecutionRecord, type WorkflowRun } from "@/lib/agentfield/map";
import { encodeExecutionCursor, parseExecutionListParams } from "@/lib/agentfield/params";
import type { LedgerRecord } from "@/lib/agentfield/parents";

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;
const at = (ms: number) => (T0 + BigInt(ms) * MS).toString();
const TRACE = "a".repeat(32);

function record(i: number, overrides: Partial<ExecutionRecord> = {}): ExecutionRecord {
  return {
    traceId: TRACE,
    spanId: String(i).padStart(16, "0"),
    name: `span-${i}`,
    nodeName: null,
    serviceName: "orchestrator",
    workloadName: null,
    startNs: at(i * 10),
    endNs: at(i * 10 + 5),
    durationNs: (5n * MS + 250_000n).toString(),
    failed: false,
    statusMessage: null,
    spanParentId: null,
    ...overrides,
  };
}

const id = (i: number) => executionId(TRACE, String(i).padStart(16, "0"));

const run: WorkflowRun = { runId: "run-1", status: "completed", startNs: at(0), endNs: at(100), durationNs: (100n * MS).toString(), errorMessage: null };

describe("workflow status", () => {
  it("is the run's status; queued never comes from a run", () => {
    expect(workflowStatus("running")).toBe("running");
    expect(workflowStatus("completed")).toBe("completed");
    expect(workflowStatus("failed")).toBe("failed");
  });
});

describe("execution ids", () => {
  it("round-trip <trace id>-<span id>, any case, and refuse anything else", () => {
    const value = executionId(TRACE, "0123456789abcdef");
    expect(value).toBe(`${TRACE}-0123456789abcdef`);
    expect(parseExecutionId(value.toUpperCase())).toEqual({ traceId: TRACE, spanId: "0123456789abcdef" });
    for (const bad of ["", "0123456789abcdef", `${TRACE}-0123`, `${TRACE}_0123456789abcdef`, `${TRACE}-0123456789abcdeg`]) {
      expect(parseExecutionId(bad)).toBeNull();
    }
  });
});

describe("buildExecutions", () => {
  it("maps a generic trace: span names, parent spans within the run, service or workload as the agent", () => {
    const facts = buildExecutions("trace", [
      record(1),
      record(2, { spanParentId: id(1), serviceName: null, workloadName: "support" }),
      record(3, { failed: true, statusMessage: "tool timed out", serviceName: null }),
    ]);
    expect(facts.map((f) => [f.reasoner_name, f.parent_execution_id, f.agent_node_id, f.status, f.error])).toEqual([
      ["span-1", null, "orchestrator", "completed", null],
      ["span-2", id(1), "support", "completed", null],
      ["span-3", null, null, "failed", "tool timed out"],
    ]);
    expect(facts[0]).toMatchObject({ execution_id: id(1), duration_ms: 5.25, started_at: "2024-11-21T11:53:20.010Z", completed_at: "2024-11-21T11:53:20.015Z" });
  });

  it("names Codon executions by node, and counts a node_failed event about one as its failure", () => {
    const ledger: LedgerRecord[] = [
      { eventType: "token_enqueued", tokenId: "t1", parentTokenId: null, sourceNode: "__entry__", targetNode: "plan", traceId: null, spanId: null, timeNs: at(0), error: null },
      { eventType: "token_dequeued", tokenId: "t1", parentTokenId: null, sourceNode: "__entry__", targetNode: "plan", traceId: null, spanId: null, timeNs: at(10), error: null },
      { eventType: "token_enqueued", tokenId: "t2", parentTokenId: "t1", sourceNode: "plan", targetNode: "search", traceId: null, spanId: null, timeNs: at(11), error: null },
      { eventType: "token_dequeued", tokenId: "t2", parentTokenId: "t1", sourceNode: "plan", targetNode: "search", traceId: null, spanId: null, timeNs: at(20), error: null },
      { eventType: "node_failed", tokenId: "t2", parentTokenId: "t1", sourceNode: "search", targetNode: null, traceId: null, spanId: null, timeNs: at(22), error: "Error: 503" },
    ];
    const facts = buildExecutions("workflow", [record(1, { name: "codon.node.plan", nodeName: "plan" }), record(2, { name: "codon.node.search", nodeName: "search" })], ledger);
    expect(facts.map((f) => [f.reasoner_name, f.parent_execution_id, f.status, f.error])).toEqual([
      ["plan", null, "completed", null],
      ["search", id(1), "failed", "Error: 503"],
    ]);
    // A failed span's own message wins; a failure with no message still says which node failed.
    const own = buildExecutions("workflow", [record(1, { nodeName: "plan", failed: true, statusMessage: "bad plan" })], []);
    expect(own[0]!.error).toBe("bad plan");
    const bare = buildExecutions("workflow", [record(1, { nodeName: "plan", failed: true })], []);
    expect(bare[0]!.error).toBe("plan failed");
  });

  it("orders activations that started in the same clock tick as the ledger dequeued them", () => {
    const ledger: LedgerRecord[] = ["t-second", "t-first"].reverse().map((token, i) => ({
      eventType: "token_dequeued", tokenId: token, parentTokenId: null, sourceNode: "__entry__", targetNode: i === 0 ? "first" : "second", traceId: null, spanId: null, timeNs: at(0), error: null,
    }));
    // In (start, trace id, span id) order "second" comes first; the ledger knows better.
    const records = [record(1, { nodeName: "second", startNs: at(0) }), record(2, { nodeName: "first", startNs: at(0) }), record(3, { nodeName: "later", startNs: at(5) })];
    expect(buildExecutions("workflow", records, ledger).map((f) => f.reasoner_name)).toEqual(["first", "second", "later"]);
    expect(buildExecutions("workflow", records, []).map((f) => f.reasoner_name)).toEqual(["second", "first", "later"]);
  });

  it("counts activations the ledger knows of whose spans have not arrived", () => {
    const done = (eventType: string): LedgerRecord => ({ eventType, tokenId: "t", parentTokenId: null, sourceNode: "n", targetNode: null, traceId: null, spanId: null, timeNs: at(0), error: null });
    expect(missingExecutions([done("node_completed"), done("node_failed"), done("token_dequeued")], 0)).toBe(2);
    expect(missingExecutions([done("node_completed")], 3)).toBe(0);
  });
});

describe("toWorkflow / toExecution", () => {
  it("lists nodes in order and an edge per listed parent", () => {
    const facts = buildExecutions("trace", [record(1), record(2, { spanParentId: id(1) }), record(3, { spanParentId: id(9) })]);
    const workflow = toWorkflow({ ...run, status: "running" }, facts);
    expect(workflow).toMatchObject({ workflow_id: "run-1", status: "running", started_at: "2024-11-21T11:53:20.000Z", duration_ms: 100, omitted_nodes: 0 });
    expect(workflow.nodes.map((n) => n.execution_id)).toEqual([id(1), id(2), id(3)]);
    expect(Object.keys(workflow.nodes[0]!).sort()).toEqual(["agent_node_id", "duration_ms", "execution_id", "parent_execution_id", "reasoner_name", "started_at", "status"]);
    expect(workflow.edges).toEqual([{ from: id(1), to: id(2) }]);

    const execution = toExecution("run-1", facts[1]!, { input: '{"q":1}', output: null });
    expect(execution).toEqual({ ...workflow.nodes[1], workflow_id: "run-1", input: '{"q":1}', output: null, error: null, completed_at: "2024-11-21T11:53:20.025Z" });
  });
});

describe("execution list parameters", () => {
  const parse = (query: string) => parseExecutionListParams(new URLSearchParams(query));

  it("defaults to 100, allows up to 1000, and round-trips its cursor", () => {
    expect(parse("")).toEqual({ limit: 100, cursor: null });
    const cursor = { startNs: at(5), traceId: TRACE, spanId: "0123456789abcdef" };
    expect(parse(`limit=1000&cursor=${encodeExecutionCursor(cursor)}`)).toEqual({ limit: 1000, cursor });
  });

  it("refuses bad limits and cursors, naming the parameter", () => {
    for (const query of ["limit=0", "limit=1001", "limit=abc", "limit=1.5", "limit=1&limit=2", "cursor=nope", `cursor=${Buffer.from('["1","x","y"]').toString("base64url")}`]) {
      expect(() => parse(query), query).toThrow(ParamError);
    }
    expect(() => parse("limit=0")).toThrow(/^limit: /);
    expect(() => parse("cursor=nope")).toThrow(/^cursor: /);
  });
});
