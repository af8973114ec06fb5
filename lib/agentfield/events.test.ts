import { describe, expect, it } from "vitest";
import { nextWorkflowEvents, NOTHING_SENT, type SentState, type WorkflowEvent, type WorkflowSnapshot } from "@/lib/agentfield/events";
import { buildExecutions, type ExecutionRecord, type WorkflowRun } from "@/lib/agentfield/map";

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;
const at = (ms: number) => (T0 + BigInt(ms) * MS).toString();

function span(i: number, node: string, startMs: number, endMs: number, failed = false): ExecutionRecord {
  return {
    traceId: String(i).padStart(32, "0"),
    spanId: String(i + 1).padStart(16, "0"),
    name: `codon.node.${node}`,
    nodeName: node,
    serviceName: "writer",
    workloadName: "Writer",
    startNs: at(startMs),
    endNs: at(endMs),
    durationNs: (BigInt(endMs - startMs) * MS).toString(),
    failed,
    statusMessage: failed ? "boom" : null,
    spanParentId: null,
  };
}

function snapshot(status: WorkflowRun["status"], spans: ExecutionRecord[], missingExecutions = 0): WorkflowSnapshot {
  return {
    run: { runId: "run-1", status, startNs: at(0), endNs: at(100), durationNs: (100n * MS).toString(), errorMessage: status === "failed" ? "boom" : null },
    executions: buildExecutions("workflow", spans),
    missingExecutions,
  };
}

const names = (events: WorkflowEvent[]) =>
  events.map((e) => ("reasoner_name" in e.data ? `${e.event} ${e.data.reasoner_name}` : `${e.event} ${e.data.status}`));

describe("nextWorkflowEvents", () => {
  it("sends nothing before the run exists", () => {
    expect(nextWorkflowEvents(null, NOTHING_SENT, 0)).toEqual({ events: [], state: NOTHING_SENT, done: false });
  });

  it("replays a finished run as a timeline: starts and ends in the order they happened, a start before its own end", () => {
    // writer overlaps reviewer; a zero-length step ends the moment it starts, as the next one starts.
    const spans = [span(0, "plan", 0, 10), span(1, "writer", 10, 40), span(2, "reviewer", 20, 30), span(3, "tick", 40, 40), span(4, "end", 40, 50)];
    const { events, done } = nextWorkflowEvents(snapshot("completed", spans), NOTHING_SENT, 0);
    expect(names(events)).toEqual([
      "workflow.started running",
      "execution.started plan",
      "execution.completed plan",
      "execution.started writer",
      "execution.started reviewer",
      "execution.completed reviewer",
      "execution.completed writer",
      "execution.started tick",
      "execution.completed tick",
      "execution.started end",
      "execution.completed end",
      "workflow.completed completed",
    ]);
    expect(done).toBe(true);
    const [, started, completed] = events;
    expect(started!.data).toMatchObject({ workflow_id: "run-1", status: "running", completed_at: null, duration_ms: null, timestamp: started!.data.started_at });
    expect(completed!.data).toMatchObject({ status: "completed", duration_ms: 10, error: null, timestamp: "2024-11-21T11:53:20.010Z" });
    expect(events.at(-1)!.data).toEqual({
      workflow_id: "run-1",
      status: "completed",
      started_at: "2024-11-21T11:53:20.000Z",
      timestamp: "2024-11-21T11:53:20.100Z",
      completed_at: "2024-11-21T11:53:20.100Z",
      duration_ms: 100,
      error: null,
    });
  });

  it("sends only what is new as executions land, and ends once the run is over", () => {
    let state: SentState = NOTHING_SENT;
    const step = (snap: WorkflowSnapshot) => {
      const next = nextWorkflowEvents(snap, state, 0);
      state = next.state;
      return next;
    };
    expect(names(step(snapshot("running", [span(0, "plan", 0, 10)])).events)).toEqual(["workflow.started running", "execution.started plan", "execution.completed plan"]);
    expect(step(snapshot("running", [span(0, "plan", 0, 10)])).events).toEqual([]);
    const last = step(snapshot("completed", [span(0, "plan", 0, 10), span(1, "write", 10, 20)]));
    expect(names(last.events)).toEqual(["execution.started write", "execution.completed write", "workflow.completed completed"]);
    expect(last.done).toBe(true);
    // Nothing after the end.
    expect(step(snapshot("completed", [span(0, "plan", 0, 10), span(1, "write", 10, 20), span(2, "late", 20, 30)]))).toMatchObject({ events: [], done: true });
  });

  it("a failed run: execution.failed with the error, workflow.failed, then workflow.completed with status failed", () => {
    const { events, done } = nextWorkflowEvents(snapshot("failed", [span(0, "plan", 0, 10), span(1, "search", 10, 20, true)]), NOTHING_SENT, 0);
    expect(names(events)).toEqual([
      "workflow.started running",
      "execution.started plan",
      "execution.completed plan",
      "execution.started search",
      "execution.failed search",
      "workflow.failed failed",
      "workflow.completed failed",
    ]);
    expect(events[4]!.data).toMatchObject({ status: "failed", error: "boom" });
    expect(events.at(-1)!.data).toMatchObject({ status: "failed", error: "boom" });
    expect(done).toBe(true);
  });

  it("waits for spans the ledger promises before ending, at most settleMs", () => {
    const over = snapshot("completed", [span(0, "plan", 0, 10)], 1);
    const first = nextWorkflowEvents(over, NOTHING_SENT, 1_000, 5_000);
    expect(names(first.events)).toEqual(["workflow.started running", "execution.started plan", "execution.completed plan"]);
    expect(first.done).toBe(false);
    expect(first.state.terminalSinceMs).toBe(1_000);
    // The missing span lands: the run ends with it.
    const landed = nextWorkflowEvents(snapshot("completed", [span(0, "plan", 0, 10), span(1, "write", 10, 20)]), first.state, 2_000, 5_000);
    expect(names(landed.events)).toEqual(["execution.started write", "execution.completed write", "workflow.completed completed"]);
    // It never lands: the run ends once settleMs passed.
    expect(nextWorkflowEvents(over, first.state, 5_999, 5_000).done).toBe(false);
    expect(names(nextWorkflowEvents(over, first.state, 6_000, 5_000).events)).toEqual(["workflow.completed completed"]);
  });
});
