// The shapes /api/v1/runs* returns and the run page renders. Times are ISO strings for
// display plus exact nanosecond strings where ordering or sub-millisecond precision matters.

import type { RunScoreBrief } from "@/lib/scores/types";

export type RunStatus = "running" | "completed" | "failed";

export interface RunView {
  runId: string;
  traceId: string | null;
  serviceName: string | null;
  workloadName: string | null;
  workloadVersion: string | null;
  logicId: string | null;
  deploymentId: string | null;
  status: RunStatus;
  startTime: string;
  endTime: string;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  durationMs: number;
  spanCount: number;
  nodeCount: number;
  errorCount: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  costUsd: number;
  /** The run's first error; a retried run keeps the error its retry recovered from. */
  errorMessage: string | null;
  /** A node failed and then succeeded on a later attempt (the run's status follows the last attempt). */
  retried: boolean;
  /** The runs list only: the run's scores per name (at most 8 names, by name). */
  scores?: RunScoreBrief[];
}

/** One page of the runs list; `nextCursor` fetches the next (older) page. */
export interface RunPage {
  runs: RunView[];
  nextCursor: string | null;
}

/** What the runs page's filter menus offer. */
export interface RunFilterOptions {
  workloads: string[];
  versions: { workloadName: string; logicId: string; version: string | null }[];
  deployments: string[];
}

/** `not_run`: a node of the version's static graph that did not fire in this run. */
export type NodeStatus = "completed" | "failed" | "running" | "not_run";

export interface DagNode {
  /** The node name for workflow runs; the span id for generic traces (each span is a node). */
  id: string;
  name: string;
  role: string | null;
  /** The OTel service.name of the node's spans (the greatest, when they came from several); null when unknown. */
  service: string | null;
  nodespecId: string | null;
  status: NodeStatus;
  activations: number;
  /** Set when earlier activations failed and a later one succeeded: the activations are attempts of one step. */
  attempts: { count: number; failed: number } | null;
  startTime: string | null;
  startTimeUnixNano: string | null;
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /**
   * Usage counted once over the node and everything beneath its spans (sub-calls, nested nodes);
   * the figures above are the node's own ("self").
   */
  total: { inputTokens: number; outputTokens: number; costUsd: number };
  errorMessage: string | null;
}

/** Where an edge is known from, most trusted first (codon-telemetry.md, "Facts that shape the data model"). */
export type EdgeKind = "ledger" | "definition" | "parent" | "inferred";

export interface DagEdge {
  source: string;
  target: string;
  kind: EdgeKind;
  /** How many times it was traversed in this run (0 for a definition edge not taken). */
  count: number;
}

export interface RunDag {
  run: RunView;
  nodes: DagNode[];
  edges: DagEdge[];
  /** Nodes left out of the graph: spans of a very large generic trace, workflow nodes past MAX_DAG_NODES (the timeline shows every span). */
  omittedNodes: number;
  /** Values the tenant's redaction rules replaced in the run's spans at ingest, their names and event names included (ledger events, log records and score comments not counted: only spans keep a count). */
  redactedValues: number;
  /**
   * Spans of a very large run the graph was built without (past MAX_DAG_SPANS, by start): node
   * totals are then each node's own usage, and links between nodes come from the spans read. 0 when
   * every span was read.
   */
  spansUnread: number;
  /**
   * Null when the graph (nodes, edges, totals, omittedNodes, redactedValues) is up to date with
   * the run. For a large run that has changed since its graph was last built, the time (ISO 8601)
   * of the stored data the graph shows while a new one is built; `run` is always current.
   */
  graphAsOf: string | null;
}

/** One span as the timeline needs it: small, so 10,000 of them load quickly. */
export interface SpanSummary {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  nodeName: string | null;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  durationMs: number;
  status: "unset" | "ok" | "error";
  inputTokens: number | null;
  outputTokens: number | null;
  costUsd: number | null;
  modelName: string | null;
}

export interface SpanDetail extends SpanSummary {
  kind: number;
  statusMessage: string | null;
  /** Which attempt of a retried step this span is, when its SDK said (attempt attributes, HTTP resend count). */
  attempt: number | null;
  serviceName: string | null;
  nodeRole: string | null;
  nodespecId: string | null;
  modelVendor: string | null;
  /** The model the call asked for; `modelName` is the one that answered when the span says so. */
  requestModel: string | null;
  totalTokens: number | null;
  cacheReadTokens: number | null;
  cacheWriteTokens: number | null;
  /** Reasoning tokens reported apart (part of the output count). */
  reasoningTokens: number | null;
  countsUsage: boolean;
  /** Values redacted in this span at ingest. */
  redactedCount: number;
  input: string | null;
  output: string | null;
  attributes: Record<string, unknown>;
  resourceAttributes: Record<string, unknown>;
  events: unknown[];
  links: unknown[];
  /** Present (true) when the caller may not see content: texts are null and attribute values null (docs/adr/0014-content-hidden-from-viewers.md). */
  contentHidden?: true;
}

export interface LedgerEvent {
  id: string;
  eventType: string;
  timestamp: string;
  timeUnixNano: string;
  tokenId: string | null;
  parentTokenId: string | null;
  sourceNode: string | null;
  targetNode: string | null;
  lineage: string[];
  metadata: Record<string, unknown>;
  /** Present (true) when the caller may not see content: texts are null and attribute values null (docs/adr/0014-content-hidden-from-viewers.md). */
  contentHidden?: true;
}

export interface NodeSpecView {
  nodespecId: string;
  name: string;
  role: string | null;
  specVersion: string | null;
  orgNamespace: string | null;
  callableSignature: string | null;
  inputSchema: string | null;
  outputSchema: string | null;
  modelName: string | null;
  modelVersion: string | null;
}

export interface NodeDetail {
  node: DagNode;
  spec: NodeSpecView | null;
  /** Each activation: the node's own span, with the usage of the calls made inside it (the first MAX_NODE_ACTIVATIONS by start). */
  activations: SpanDetail[];
  /** The activations shown hold more LLM calls than are read (MAX_CALLS_FOLDED): their usage counts the first by start. */
  callUsageCut: boolean;
}
