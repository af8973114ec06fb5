import type { StaticGraph } from "@/lib/db/types";
import { nsToIso, nsToMs } from "@/lib/runs/run-view";
import { inferredEdges, type TimedNode } from "@/lib/runs/inferred-edges";
import { ENTRY_NODE } from "@/lib/runs/lineage";
import { addTraceTotals, addWorkflowTotals, type DagUsageSpan } from "@/lib/runs/usage-totals";
import { mergeTraceAttempts } from "@/lib/runs/trace-attempts";
import type { DagEdge, DagNode, EdgeKind, NodeStatus, RunStatus } from "@/lib/runs/types";

/** Spans of one run grouped by (node name, nodespec id), as the database aggregates them. */
export interface NodeSpanGroup {
  nodeName: string | null;
  nodespecId: string | null;
  role: string | null;
  /** The greatest service.name among the group's spans. */
  service: string | null;
  activations: number;
  firstStartNs: string;
  lastEndNs: string;
  /** Sum of the node spans' own durations (each activation counted). */
  durationNs: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  errorCount: number;
  errorMessage: string | null;
  /** Node spans (activations) that failed. */
  failedActivations: number;
  /** The last activation (by start, attempt, failed): its start (null without activations), attempt (0: unnumbered), and whether it failed. */
  lastStartNs: string | null;
  lastAttempt: number;
  lastFailed: boolean;
}

/** Audit events of one run grouped by type and endpoints. */
export interface LedgerGroup {
  eventType: string;
  sourceNode: string | null;
  targetNode: string | null;
  count: number;
  errorMessage: string | null;
}

export interface NamedEdgeCount {
  source: string;
  target: string;
  count: number;
}

export interface WorkflowDagInput {
  runStatus: RunStatus;
  spanGroups: NodeSpanGroup[];
  ledger: LedgerGroup[];
  /** Parent → child links between spans of different nodes. */
  parentLinks: NamedEdgeCount[];
  staticGraph: StaticGraph | null;
  /** Every span of the run, narrowly, for the totals beneath each node; without it a node's total is its own. */
  usage?: readonly DagUsageSpan[];
}

interface NodeAccumulator {
  node: DagNode;
  firstStartNs: bigint | null;
  lastEndNs: bigint | null;
  ledgerCompleted: number;
  ledgerFailed: number;
  ledgerDequeued: number;
  failedActivations: number;
  /** The node's last activation across its groups, by (start, attempt, failed). */
  last: { startNs: bigint; attempt: number; failed: boolean } | null;
}

/** Whether activation `a` comes after `b` in (start, attempt, failed) order. */
const isLater = (a: { startNs: bigint; attempt: number; failed: boolean }, b: { startNs: bigint; attempt: number; failed: boolean }) =>
  a.startNs !== b.startNs ? a.startNs > b.startNs : a.attempt !== b.attempt ? a.attempt > b.attempt : a.failed && !b.failed;

function emptyNode(name: string, role: string | null, nodespecId: string | null): NodeAccumulator {
  return {
    node: { id: name, name, role, service: null, nodespecId, status: "not_run", activations: 0, attempts: null, startTime: null, startTimeUnixNano: null, durationMs: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, total: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, errorMessage: null },
    firstStartNs: null,
    lastEndNs: null,
    ledgerCompleted: 0,
    ledgerFailed: 0,
    ledgerDequeued: 0,
    failedActivations: 0,
    last: null,
  };
}

/** The node a node_completed / node_failed event is about: its source, unless that is the entry. */
function eventNode(group: LedgerGroup): string | null {
  if (group.sourceNode && group.sourceNode !== ENTRY_NODE) return group.sourceNode;
  return group.targetNode && group.targetNode !== ENTRY_NODE ? group.targetNode : null;
}

function addUsage(target: DagNode, group: NodeSpanGroup): void {
  target.inputTokens += group.inputTokens;
  target.outputTokens += group.outputTokens;
  target.costUsd += group.costUsd;
}

/**
 * The DAG of a workflow run (Codon, LangGraph): one node per workflow node, the calls made
 * inside a node (same nodespec id, no node name) folded into it, the version's static graph
 * for nodes that did not fire, and edges by trust: ledger, definition, parent, inferred. At most
 * `maxNodes` nodes (the first by start), with the number left out.
 */
export function buildWorkflowDag(
  input: WorkflowDagInput,
  maxNodes = Number.POSITIVE_INFINITY,
): { nodes: DagNode[]; edges: DagEdge[]; omittedNodes: number } {
  const nodes = new Map<string, NodeAccumulator>();
  const ensure = (name: string, role: string | null = null, nodespecId: string | null = null) => {
    let entry = nodes.get(name);
    if (!entry) nodes.set(name, (entry = emptyNode(name, role, nodespecId)));
    entry.node.role ??= role;
    entry.node.nodespecId ??= nodespecId;
    return entry;
  };

  for (const group of input.spanGroups) {
    if (group.nodeName === null) continue;
    const entry = ensure(group.nodeName, group.role, group.nodespecId);
    const node = entry.node;
    // Greatest, as the roll-up folds it: the same service whatever order the groups come in.
    if (group.service !== null && (node.service === null || group.service > node.service)) node.service = group.service;
    node.activations += group.activations;
    node.durationMs += nsToMs(group.durationNs);
    addUsage(node, group);
    const start = BigInt(group.firstStartNs);
    const end = BigInt(group.lastEndNs);
    if (entry.firstStartNs === null || start < entry.firstStartNs) entry.firstStartNs = start;
    if (entry.lastEndNs === null || end > entry.lastEndNs) entry.lastEndNs = end;
    entry.failedActivations += group.failedActivations;
    // A node's spans under two spec ids: its last activation is the later of the groups' last.
    if (group.lastStartNs !== null) {
      const last = { startNs: BigInt(group.lastStartNs), attempt: group.lastAttempt, failed: group.lastFailed };
      if (entry.last === null || isLater(last, entry.last)) entry.last = last;
    }
    if (group.errorCount > 0) {
      node.status = "failed";
      node.errorMessage ??= group.errorMessage;
    } else if (node.status === "not_run") {
      node.status = "completed";
    }
  }

  // LLM calls inside a node carry its nodespec id but no node name. Their usage is already on
  // the node span (they are stored with counts_usage false, so their sums are 0 here), but a
  // failed call marks its node failed.
  const byNodespec = new Map<string, NodeAccumulator>();
  for (const entry of nodes.values()) if (entry.node.nodespecId) byNodespec.set(entry.node.nodespecId, entry);
  for (const group of input.spanGroups) {
    if (group.nodeName !== null || group.nodespecId === null) continue;
    const owner = byNodespec.get(group.nodespecId);
    if (!owner) continue;
    addUsage(owner.node, group);
    if (group.errorCount > 0 && owner.node.status !== "failed") {
      owner.node.status = "failed";
      owner.node.errorMessage ??= group.errorMessage;
    }
  }

  const ledgerEdges = new Map<string, DagEdge>();
  for (const group of input.ledger) {
    if (group.eventType === "token_enqueued" && group.sourceNode && group.targetNode && group.sourceNode !== ENTRY_NODE) {
      ensure(group.sourceNode);
      ensure(group.targetNode);
      const key = `${group.sourceNode}->${group.targetNode}`;
      const edge = ledgerEdges.get(key) ?? { source: group.sourceNode, target: group.targetNode, kind: "ledger", count: 0 };
      edge.count += group.count;
      ledgerEdges.set(key, edge);
    } else if (group.eventType === "token_dequeued" && group.targetNode && group.targetNode !== ENTRY_NODE) {
      ensure(group.targetNode).ledgerDequeued += group.count;
    } else if (group.eventType === "node_completed" || group.eventType === "node_failed") {
      const name = eventNode(group);
      if (!name) continue;
      const entry = ensure(name);
      if (group.eventType === "node_completed") entry.ledgerCompleted += group.count;
      else {
        entry.ledgerFailed += group.count;
        entry.node.errorMessage ??= group.errorMessage;
      }
    }
  }

  for (const entry of nodes.values()) {
    const node = entry.node;
    const ledgerRuns = entry.ledgerCompleted + entry.ledgerFailed;
    // A run known so far only from its ledger still shows how often each node ran.
    if (node.activations === 0) node.activations = ledgerRuns;
    if (retried(entry)) node.attempts = { count: node.activations, failed: entry.failedActivations };
    node.status = nodeStatus(node.status, entry, input.runStatus);
    if (entry.firstStartNs !== null) {
      node.startTimeUnixNano = entry.firstStartNs.toString();
      node.startTime = nsToIso(node.startTimeUnixNano);
    }
  }

  const edges = new Map<string, DagEdge>(ledgerEdges);
  const addEdge = (source: string, target: string, kind: EdgeKind, count: number) => {
    const key = `${source}->${target}`;
    if (!edges.has(key) && nodes.has(source) && nodes.has(target)) edges.set(key, { source, target, kind, count });
  };

  if (input.staticGraph) {
    for (const spec of input.staticGraph.nodes) ensure(spec.name, spec.role, spec.nodespecId);
    for (const edge of input.staticGraph.edges) {
      const fired = nodes.get(edge.source)?.node.activations && nodes.get(edge.target)?.node.activations;
      // Without a ledger, a definition edge between two nodes that both ran was most likely taken.
      // With one, the ledger is the record: an edge it lacks was not taken.
      addEdge(edge.source, edge.target, "definition", fired && ledgerEdges.size === 0 ? 1 : 0);
    }
  }
  for (const link of input.parentLinks) addEdge(link.source, link.target, "parent", link.count);
  const reached = new Set<string>();
  for (const edge of edges.values()) reached.add(edge.target);
  const timed: TimedNode[] = [];
  for (const entry of nodes.values()) {
    if (entry.firstStartNs !== null && entry.lastEndNs !== null) timed.push({ id: entry.node.id, firstStartNs: entry.firstStartNs, lastEndNs: entry.lastEndNs });
  }
  for (const [source, target] of inferredEdges(timed, reached)) addEdge(source, target, "inferred", 1);

  // Past the limit the graph keeps the first nodes by start and says how many it left out: a
  // browser cannot lay out or draw thousands of nodes, and the totals below cost per node kept.
  const sorted = sortNodes([...nodes.values()]);
  // Failed nodes past the limit are drawn too (up to a few), as a long trace's failed spans are.
  const kept = sorted.length > maxNodes ? [...sorted.slice(0, maxNodes), ...sorted.slice(maxNodes).filter((node) => node.status === "failed").slice(0, MAX_EXTRA_FAILED_NODES)] : sorted;
  const keptIds = new Set(kept.map((node) => node.id));
  const keptEdges = [...edges.values()].filter((edge) => kept === sorted || (keptIds.has(edge.source) && keptIds.has(edge.target)));
  // A node's total is its own, unless the run's usage says what lies beneath its spans.
  for (const node of kept) node.total = { inputTokens: node.inputTokens, outputTokens: node.outputTokens, costUsd: node.costUsd };
  if (input.usage) addWorkflowTotals(kept, input.usage);
  return { nodes: kept, edges: keptEdges, omittedNodes: sorted.length - kept.length };
}

/** Failed nodes drawn beyond MAX_DAG_NODES (the same allowance as a trace's failed spans). */
const MAX_EXTRA_FAILED_NODES = 50;

/**
 * A node whose earlier activations failed and whose last one (by attempt, then start) did not:
 * its failures were retried. Each failed attempt may also have failed a call inside it and
 * written a node_failed event; those are the attempts' too, as long as the ledger counts no
 * more failures than the spans do.
 */
const retried = (entry: NodeAccumulator) =>
  entry.failedActivations > 0 && entry.last !== null && !entry.last.failed && entry.ledgerFailed <= entry.failedActivations;

function nodeStatus(fromSpans: NodeStatus, entry: NodeAccumulator, runStatus: RunStatus): NodeStatus {
  if (retried(entry)) return "completed";
  if (fromSpans === "failed" || entry.ledgerFailed > 0) return "failed";
  const settled = entry.ledgerCompleted + entry.ledgerFailed;
  if (runStatus === "running" && entry.ledgerDequeued > settled) return "running";
  if (fromSpans === "completed" || settled > 0) return "completed";
  return "not_run";
}

function sortNodes(entries: NodeAccumulator[]): DagNode[] {
  return entries
    .sort((a, b) => {
      if (a.firstStartNs === null || b.firstStartNs === null) {
        return a.firstStartNs === b.firstStartNs ? a.node.name.localeCompare(b.node.name) : a.firstStartNs === null ? 1 : -1;
      }
      return a.firstStartNs < b.firstStartNs ? -1 : a.firstStartNs > b.firstStartNs ? 1 : a.node.name.localeCompare(b.node.name);
    })
    .map((entry) => entry.node);
}

/** One span of a generic trace, as a DAG node. */
export interface TraceSpanNode {
  spanId: string;
  parentSpanId: string | null;
  name: string;
  role: string | null;
  service: string | null;
  startNs: string;
  durationNs: string;
  status: "unset" | "ok" | "error";
  statusMessage: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** False when the span repeats usage its children report (an agent span): its own figures are not added. */
  countsUsage: boolean;
  /** Its attempt number when its SDK gave one (a retried step). */
  attempt?: number | null;
}

/** A generic OTel trace: each span is a node, parent links are the edges. */
export function buildTraceDag(spans: TraceSpanNode[], usage?: readonly DagUsageSpan[]): { nodes: DagNode[]; edges: DagEdge[] } {
  const ids = new Set(spans.map((span) => span.spanId));
  const nodes: DagNode[] = spans.map((span) => ({
    id: span.spanId,
    name: span.name,
    role: span.role,
    service: span.service,
    nodespecId: null,
    status: span.status === "error" ? "failed" : "completed",
    activations: 1,
    attempts: null,
    startTime: nsToIso(span.startNs),
    startTimeUnixNano: span.startNs,
    durationMs: nsToMs(span.durationNs),
    inputTokens: span.countsUsage ? span.inputTokens : 0,
    outputTokens: span.countsUsage ? span.outputTokens : 0,
    costUsd: span.countsUsage ? span.costUsd : 0,
    // Replaced below by what the span's subtree used when usage is given; an aggregate span reports that itself.
    total: { inputTokens: span.inputTokens, outputTokens: span.outputTokens, costUsd: span.costUsd },
    errorMessage: span.status === "error" ? (span.statusMessage ?? `${span.name} failed`) : null,
  }));
  const edges: DagEdge[] = spans
    .filter((span) => span.parentSpanId !== null && ids.has(span.parentSpanId))
    .map((span) => ({ source: span.parentSpanId!, target: span.spanId, kind: "parent", count: 1 }));
  if (usage) addTraceTotals(nodes, usage);
  return mergeTraceAttempts(spans, nodes, edges);
}
