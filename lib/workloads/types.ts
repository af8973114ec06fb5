// The shapes /api/v1/workloads* returns and the workload pages render. Durations are
// milliseconds, rates are fractions (0.02 = 2%), costs USD. A figure with no data behind it is
// null (a version whose runs are all still running has no p95), never 0.

import type { RunStatus, RunView } from "@/lib/runs/types";
import type { VerdictSummary } from "@/lib/verdicts/types";
import type { NodeAnomaly } from "@/lib/anomalies/types";
import type { ScoreComparison, ScoreSummary } from "@/lib/scores/types";

/** One workload over a window of time (`windowStart` null = all time). */
export interface WorkloadStats {
  name: string;
  /** Logic ids ever seen, and the newest one with its version string. */
  versionCount: number;
  latestLogicId: string;
  latestVersion: string | null;
  firstSeen: string;
  lastSeen: string;
  /** Runs that started in the window; the rates below are over the finished ones. */
  runCount: number;
  finishedRunCount: number;
  errorRate: number | null;
  p95Ms: number | null;
  avgCostUsd: number | null;
}

export interface WorkloadList {
  windowStart: string | null;
  workloads: WorkloadStats[];
}

/** A page of GET /api/v1/workloads: pass `nextCursor` as `cursor` for the next one (null: last page). */
export interface WorkloadListPage extends WorkloadList {
  nextCursor: string | null;
}

export interface StaticGraphNode {
  name: string;
  role: string | null;
  nodespecId: string | null;
}

export interface StaticGraphEdge {
  source: string;
  target: string;
}

/** Figures of a set of runs: durations, error rate, tokens and cost are over the finished ones. */
export interface RunStats {
  runCount: number;
  finishedRunCount: number;
  failedRunCount: number;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  avgCostUsd: number | null;
  avgInputTokens: number | null;
  avgOutputTokens: number | null;
}

/** One logic id of a workload with the figures of its runs. */
export interface VersionStats extends RunStats {
  logicId: string;
  version: string | null;
  firstSeen: string;
  lastSeen: string;
  deployments: string[];
  /**
   * The logic id that used this version string first, when it is another one: the logic changed
   * without a version bump.
   */
  reusesVersionOf: string | null;
  /** Its verdict against the previous version, per deployment it ran in, busiest first (empty until the first is computed). */
  verdicts: VerdictSummary[];
  /** Its runs' scores per name (in the window), most scored first; empty without scores. */
  scores: ScoreSummary[];
  /** The static graph: every node and edge defined or seen for this logic id, fired or not. */
  nodes: StaticGraphNode[];
  edges: StaticGraphEdge[];
}

export interface VersionList {
  workload: string;
  windowStart: string | null;
  /** The most recently seen versions, at most MAX_LISTED_VERSIONS. */
  versions: VersionStats[];
  /** Versions seen longer ago than every listed one, not listed. */
  omittedVersions: number;
}

/** A page of GET /api/v1/workloads/{name}/versions. */
export interface VersionListPage extends VersionList {
  nextCursor: string | null;
}

/** One bucket of the trend chart: runs that started in [start, start + bucket). */
export interface TrendPoint {
  start: string;
  runCount: number;
  p95Ms: number | null;
  avgCostUsd: number | null;
}

export interface VersionBoundary {
  logicId: string;
  version: string | null;
  /** When the logic id was first seen. */
  at: string;
}

export const TREND_BUCKETS = ["hour", "day", "week"] as const;
export type TrendBucket = (typeof TREND_BUCKETS)[number];

export interface WorkloadTrend {
  workload: string;
  bucket: TrendBucket;
  points: TrendPoint[];
  boundaries: VersionBoundary[];
  /** Buckets in which a node of one logic id left its own rolling baseline, newest first (at most 200). */
  anomalies: NodeAnomaly[];
}

export type Change = "added" | "removed" | "changed" | "unchanged";

/** What differs between two nodespecs of one node name. */
export type SpecField = "signature" | "role" | "model" | "input schema" | "output schema" | "spec version" | "namespace";

/** A node's figures over the runs of one version, per activation. */
export interface NodeMetrics {
  activations: number;
  /** Distinct runs in which the node fired: how much data is behind the figures. */
  runCount: number;
  p50Ms: number | null;
  p95Ms: number | null;
  errorRate: number | null;
  avgTokens: number | null;
  avgCostUsd: number | null;
}

export interface NodeComparison {
  name: string;
  change: Change;
  /** For `changed`: which parts of the node spec differ (empty when the specs are not on record). */
  changedFields: SpecField[];
  role: string | null;
  nodespecIdA: string | null;
  nodespecIdB: string | null;
  a: NodeMetrics | null;
  b: NodeMetrics | null;
}

export interface EdgeComparison {
  source: string;
  target: string;
  change: Exclude<Change, "changed">;
}

/** Run-level figures of one side of a comparison. */
export interface VersionSide {
  logicId: string;
  version: string | null;
  runCount: number;
  finishedRunCount: number;
  errorRate: number | null;
  p50Ms: number | null;
  p95Ms: number | null;
  avgCostUsd: number | null;
  avgTokens: number | null;
}

export interface VersionComparison {
  workload: string;
  /** One line: node changes, the largest node latency move, cost/run and error rate. */
  summary: string;
  a: VersionSide;
  b: VersionSide;
  nodes: NodeComparison[];
  edges: EdgeComparison[];
  /** Each score name either side's runs carry, with both distributions and the change. */
  scores: ScoreComparison[];
}

/** A node of one run as the run comparison shows it. */
export interface RunNodeSide {
  status: "completed" | "failed" | "running" | "not_run";
  nodespecId: string | null;
  activations: number;
  durationMs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  errorMessage: string | null;
  /** The DAG node id to ask `/runs/{id}/nodes/{nodeId}` for its input and output. */
  nodeId: string;
}

export interface RunNodeComparison {
  name: string;
  change: Change;
  a: RunNodeSide | null;
  b: RunNodeSide | null;
}

export interface RunEdgeComparison {
  source: string;
  target: string;
  change: Exclude<Change, "changed">;
  countA: number;
  countB: number;
}

export interface RunComparison {
  a: RunView;
  b: RunView;
  /** Both runs are of the same logic id: any node difference is in what fired, not in the code. */
  sameVersion: boolean;
  nodes: RunNodeComparison[];
  edges: RunEdgeComparison[];
}

export type { RunStatus };
