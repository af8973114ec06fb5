import { nsToIso, nsToMs } from "@/lib/runs/run-view";
import type { ExecutionFacts, WorkflowRun } from "@/lib/agentfield/map";
import type { WorkflowStatus } from "@/lib/agentfield/types";

// What /api/v1/workflows/{id}/events sends: the events a client has not had yet, worked out by
// comparing what is stored now with what the stream already sent.

export type WorkflowEventName =
  | "workflow.started"
  | "execution.started"
  | "execution.completed"
  | "execution.failed"
  | "workflow.failed"
  | "workflow.completed";

export interface WorkflowEventData {
  workflow_id: string;
  status: WorkflowStatus;
  started_at: string;
  /** When what the event reports happened (a start or an end), ISO 8601 UTC. */
  timestamp: string;
}

export interface ExecutionEventData extends WorkflowEventData {
  execution_id: string;
  agent_node_id: string | null;
  reasoner_name: string;
  /** As known when the event is sent; the workflow view has the settled value. */
  parent_execution_id: string | null;
  /** Null on execution.started. */
  completed_at: string | null;
  duration_ms: number | null;
  error: string | null;
}

export interface WorkflowEndData extends WorkflowEventData {
  completed_at: string;
  duration_ms: number;
  error: string | null;
}

export type WorkflowEvent =
  | { event: "workflow.started"; data: WorkflowEventData }
  | { event: "execution.started" | "execution.completed" | "execution.failed"; data: ExecutionEventData }
  | { event: "workflow.failed" | "workflow.completed"; data: WorkflowEndData };

export interface WorkflowSnapshot {
  run: WorkflowRun;
  /** In start order. */
  executions: ExecutionFacts[];
  /** Activations the ledger records whose spans have not arrived yet. */
  missingExecutions: number;
}

export interface SentState {
  workflowStarted: boolean;
  started: ReadonlySet<string>;
  finished: ReadonlySet<string>;
  /** When the run was first seen over while executions were still missing (epoch ms). */
  terminalSinceMs: number | null;
  ended: boolean;
}

export const NOTHING_SENT: SentState = { workflowStarted: false, started: new Set(), finished: new Set(), terminalSinceMs: null, ended: false };

/** How long a finished run waits for spans its ledger promises before the workflow is reported over anyway. */
export const DEFAULT_SETTLE_MS = 10_000;

interface Timed {
  ns: bigint;
  index: number;
  phase: 0 | 1;
  event: WorkflowEvent;
}

/**
 * The events to send now, in the order things happened, and the state after sending them.
 *
 * - `workflow.started` once the run exists, first.
 * - Per execution `execution.started`, then `execution.completed` or `execution.failed`; spans
 *   arrive once ended, so both usually go out together. Ordered by when each happened (ties:
 *   by start order of the execution, a start before its own end), so a replay reads as a timeline.
 * - Once the run is completed or failed and every activation its ledger records has arrived (or
 *   `settleMs` passed since the run was first seen over, for spans that never come): for a failed
 *   run `workflow.failed`, then always `workflow.completed` with the final status, so a client
 *   waiting for the terminal event always gets it. Nothing follows (`done`).
 */
export function nextWorkflowEvents(
  snapshot: WorkflowSnapshot | null,
  state: SentState,
  nowMs: number,
  settleMs = DEFAULT_SETTLE_MS,
): { events: WorkflowEvent[]; state: SentState; done: boolean } {
  if (!snapshot || state.ended) return { events: [], state, done: state.ended };
  const { run } = snapshot;
  const workflowId = run.runId;
  const runStart = nsToIso(run.startNs);
  const events: WorkflowEvent[] = [];
  if (!state.workflowStarted) {
    events.push({ event: "workflow.started", data: { workflow_id: workflowId, status: "running", started_at: runStart, timestamp: runStart } });
  }

  const started = new Set(state.started);
  const finished = new Set(state.finished);
  const timed: Timed[] = [];
  snapshot.executions.forEach((facts, index) => {
    const base = {
      workflow_id: workflowId,
      execution_id: facts.execution_id,
      agent_node_id: facts.agent_node_id,
      reasoner_name: facts.reasoner_name,
      parent_execution_id: facts.parent_execution_id,
      started_at: facts.started_at,
    };
    if (!started.has(facts.execution_id)) {
      started.add(facts.execution_id);
      const data = { ...base, status: "running" as const, timestamp: facts.started_at, completed_at: null, duration_ms: null, error: null };
      timed.push({ ns: BigInt(facts.startNs), index, phase: 0, event: { event: "execution.started", data } });
    }
    const over = facts.status === "completed" || facts.status === "failed";
    if (over && !finished.has(facts.execution_id)) {
      finished.add(facts.execution_id);
      const end = facts.completed_at ?? nsToIso(facts.endNs);
      const data = { ...base, status: facts.status, timestamp: end, completed_at: end, duration_ms: facts.duration_ms, error: facts.error };
      timed.push({ ns: BigInt(facts.endNs), index, phase: 1, event: { event: facts.status === "failed" ? "execution.failed" : "execution.completed", data } });
    }
  });
  timed.sort((a, b) => (a.ns < b.ns ? -1 : a.ns > b.ns ? 1 : a.index - b.index || a.phase - b.phase));
  events.push(...timed.map((item) => item.event));

  let terminalSinceMs: number | null = null;
  let ended = false;
  if (run.status === "completed" || run.status === "failed") {
    terminalSinceMs = state.terminalSinceMs ?? nowMs;
    if (snapshot.missingExecutions <= 0 || nowMs - terminalSinceMs >= settleMs) {
      const end = nsToIso(run.endNs);
      const data = { workflow_id: workflowId, status: run.status, started_at: runStart, timestamp: end, completed_at: end, duration_ms: nsToMs(run.durationNs), error: run.status === "failed" ? run.errorMessage : null };
      if (run.status === "failed") events.push({ event: "workflow.failed", data });
      events.push({ event: "workflow.completed", data });
      ended = true;
    }
  }
  return { events, state: { workflowStarted: true, started, finished, terminalSinceMs, ended }, done: ended };
}
