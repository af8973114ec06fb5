// The AgentField-compatible wire shapes of /api/v1/workflows and /api/v1/executions. Snake case
// on purpose: these endpoints mirror AgentField's API, unlike the rest of /api/v1 (camelCase).
// A run is a workflow; a node activation (a Codon node span), or any span of a generic trace,
// is an execution. Times are ISO 8601 UTC strings, durations milliseconds as the runs API gives them.

/**
 * `queued` is part of AgentField's vocabulary and accepted by clients, but never reported here:
 * a workflow exists only once telemetry for it arrived, and an execution only once its span
 * arrived (spans are exported when they end), so tokens still waiting in a queue have no
 * execution to report. Executions are therefore `completed` or `failed`; workflows `running`,
 * `completed` or `failed` (the run's status).
 */
export type WorkflowStatus = "queued" | "running" | "completed" | "failed";

export interface WorkflowNode {
  /** `<trace id>-<span id>` of the execution's span: the span's primary key, so unique within a tenant. */
  execution_id: string;
  /** The span's `service.name`, else its workload name; null when neither was sent. */
  agent_node_id: string | null;
  /** The node name (Codon workflows) or the span name (generic traces). */
  reasoner_name: string;
  /** The execution that emitted the token this one consumed (Codon), or the parent span (generic traces). */
  parent_execution_id: string | null;
  status: WorkflowStatus;
  duration_ms: number;
  started_at: string;
}

export interface WorkflowEdge {
  from: string;
  to: string;
}

export interface Workflow {
  workflow_id: string;
  status: WorkflowStatus;
  started_at: string;
  duration_ms: number;
  /** In start order. */
  nodes: WorkflowNode[];
  /** `{from: parent_execution_id, to: execution_id}` for every node with a parent. */
  edges: WorkflowEdge[];
  /** Executions left out past MAX_WORKFLOW_NODES (a very large trace); 0 almost always. */
  omitted_nodes: number;
}

export interface Execution extends WorkflowNode {
  workflow_id: string;
  /** The rendered input and output payloads as the SDK sent them (text, often JSON); null when absent. */
  input: string | null;
  output: string | null;
  /** The error message of a failed execution; null otherwise. */
  error: string | null;
  /** When the span ended. Always set today (spans arrive once ended); null is reserved for a running execution. */
  completed_at: string | null;
  /** Present (true) when the caller may not see content: texts are null and attribute values null (docs/adr/0014-content-hidden-from-viewers.md). */
  contentHidden?: true;
}

export interface ExecutionPage {
  workflow_id: string;
  executions: Execution[];
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: string | null;
}
