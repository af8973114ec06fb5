import type { RunStatus } from "@/lib/runs/types";
import { nsToIso, nsToMs } from "@/lib/runs/run-view";
import { executionId } from "@/lib/agentfield/ids";
import { deriveLineage, type LedgerRecord } from "@/lib/agentfield/parents";
import type { Execution, Workflow, WorkflowNode, WorkflowStatus } from "@/lib/agentfield/types";

/**
 * `workflow`: a Codon run (keyed by `codon.workload.run_id`, or with node spans or a ledger);
 * its executions are its node spans. `trace`: a generic trace; every span is an execution.
 */
export type WorkflowMode = "workflow" | "trace";

/** One execution's span, as the queries read it. */
export interface ExecutionRecord {
  traceId: string;
  spanId: string;
  name: string;
  nodeName: string | null;
  serviceName: string | null;
  workloadName: string | null;
  startNs: string;
  endNs: string;
  durationNs: string;
  /** The span's status is error. */
  failed: boolean;
  statusMessage: string | null;
  /** The execution id of its parent span when that span is an execution of the same run. */
  spanParentId: string | null;
}

/** A workflow node plus what events and the detail add; its span, and times in ns for exact ordering. */
export interface ExecutionFacts extends WorkflowNode {
  completed_at: string | null;
  error: string | null;
  traceId: string;
  spanId: string;
  startNs: string;
  endNs: string;
}

/** The run row as workflows need it. */
export interface WorkflowRun {
  runId: string;
  status: RunStatus;
  startNs: string;
  endNs: string;
  durationNs: string;
  errorMessage: string | null;
}

/** A run's status is already one of AgentField's; `queued` never applies (see WorkflowStatus). */
export function workflowStatus(status: RunStatus): WorkflowStatus {
  return status;
}

/**
 * Activations the ledger says ran (one `node_completed` or `node_failed` each) beyond the node
 * spans stored: spans and ledger travel separately, so the ledger can be ahead.
 */
export function missingExecutions(ledger: readonly LedgerRecord[], spanCount: number): number {
  const settled = ledger.filter((event) => event.eventType === "node_completed" || event.eventType === "node_failed").length;
  return Math.max(0, settled - spanCount);
}

/**
 * The executions of a run, in start order (`records` come in start order). Codon runs take parents
 * from the ledger (see deriveLineage), break ties between activations that started in the same
 * clock tick by the order the ledger dequeued their tokens, and count a `node_failed` event about
 * an activation (recorded in its span, or on the token it consumed) as its failure. Generic
 * traces take the parent span.
 */
export function buildExecutions(
  mode: WorkflowMode,
  records: readonly ExecutionRecord[],
  ledger: readonly LedgerRecord[] = [],
): ExecutionFacts[] {
  const ids = records.map((record) => executionId(record.traceId, record.spanId));
  const lineage =
    mode === "workflow"
      ? deriveLineage(
          records.map((record, i) => ({
            id: ids[i]!,
            nodeName: record.nodeName ?? record.name,
            traceId: record.traceId,
            spanId: record.spanId,
            startNs: record.startNs,
            endNs: record.endNs,
            spanParentId: record.spanParentId,
          })),
          ledger,
        )
      : null;
  const failedBySpan = new Map<string, string | null>();
  const failedByToken = new Map<string, string | null>();
  for (const event of mode === "workflow" ? ledger : []) {
    if (event.eventType !== "node_failed") continue;
    if (event.traceId && event.spanId) failedBySpan.set(executionId(event.traceId, event.spanId), event.error);
    if (event.tokenId) failedByToken.set(event.tokenId, event.error);
  }

  const facts = records.map((record, i): ExecutionFacts => {
    const id = ids[i]!;
    const own = lineage?.get(id);
    const reasoner = mode === "workflow" ? (record.nodeName ?? record.name) : record.name;
    const ledgerFailure = failedBySpan.has(id) ? failedBySpan.get(id) : own?.tokenId && failedByToken.has(own.tokenId) ? failedByToken.get(own.tokenId) : undefined;
    const failed = record.failed || ledgerFailure !== undefined;
    return {
      execution_id: id,
      agent_node_id: record.serviceName ?? record.workloadName,
      reasoner_name: reasoner,
      parent_execution_id: own ? own.parentId : record.spanParentId,
      status: failed ? "failed" : "completed",
      duration_ms: nsToMs(record.durationNs),
      started_at: nsToIso(record.startNs),
      completed_at: nsToIso(record.endNs),
      error: failed ? ((record.failed ? record.statusMessage : null) ?? ledgerFailure ?? `${reasoner} failed`) : null,
      traceId: record.traceId,
      spanId: record.spanId,
      startNs: record.startNs,
      endNs: record.endNs,
    };
  });
  if (!lineage) return facts;
  const order = (item: ExecutionFacts) => lineage.get(item.execution_id)?.order ?? Number.MAX_SAFE_INTEGER;
  // Stable: without a ledger order, the given order (start, trace id, span id) stands.
  return facts.sort((a, b) => {
    const x = BigInt(a.startNs);
    const y = BigInt(b.startNs);
    return x < y ? -1 : x > y ? 1 : order(a) - order(b);
  });
}

export function toWorkflowNode(facts: ExecutionFacts): WorkflowNode {
  return {
    execution_id: facts.execution_id,
    agent_node_id: facts.agent_node_id,
    reasoner_name: facts.reasoner_name,
    parent_execution_id: facts.parent_execution_id,
    status: facts.status,
    duration_ms: facts.duration_ms,
    started_at: facts.started_at,
  };
}

/** The workflow view; edges only between executions it lists. */
export function toWorkflow(run: WorkflowRun, executions: readonly ExecutionFacts[], omitted = 0): Workflow {
  const listed = new Set(executions.map((facts) => facts.execution_id));
  return {
    workflow_id: run.runId,
    status: workflowStatus(run.status),
    started_at: nsToIso(run.startNs),
    duration_ms: nsToMs(run.durationNs),
    nodes: executions.map(toWorkflowNode),
    edges: executions
      .filter((facts) => facts.parent_execution_id !== null && listed.has(facts.parent_execution_id))
      .map((facts) => ({ from: facts.parent_execution_id!, to: facts.execution_id })),
    omitted_nodes: omitted,
  };
}

export function toExecution(workflowId: string, facts: ExecutionFacts, payload: { input: string | null; output: string | null }): Execution {
  return {
    ...toWorkflowNode(facts),
    workflow_id: workflowId,
    input: payload.input,
    output: payload.output,
    error: facts.error,
    completed_at: facts.completed_at,
  };
}
