// The as-it-ran graph: one node per activation, one edge per token (GET /api/v1/runs/{runId}/activations).
// Times are exact nanosecond strings, as in the run DAG.

/** Where an edge came from, by trust: a ledger token, a span parent link, or order in time (inferred). */
export type AsRanEdgeSource = "ledger" | "parent" | "time";

export type ActivationStatus = "completed" | "failed" | "running";

export interface Activation {
  /** The span id, or `ledger:<node>:<n>` for an activation known only from the ledger. */
  id: string;
  nodeName: string;
  /** 1-based: this node's n-th activation in start order (a loop's second trip is 2). */
  seq: number;
  traceId: string | null;
  spanId: string | null;
  startNs: string;
  endNs: string;
  durationMs: number;
  status: ActivationStatus;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  /** The collapsed chain this activation belongs to, if any. */
  segmentId: string | null;
}

export interface AsRanEdge {
  id: string;
  source: string;
  target: string;
  kind: AsRanEdgeSource;
  /** The token that travelled, for ledger edges. */
  tokenId: string | null;
}

/** A long chain (each link: exactly one edge out of one activation and one into the next), drawn as one node until expanded. */
export interface AsRanSegment {
  id: string;
  first: string;
  last: string;
  /** Activations in the chain, first and last included. */
  steps: number;
  /** The chain's activation ids in order. */
  activationIds: string[];
}

export interface AsRanGraph {
  /** In start order. */
  activations: Activation[];
  edges: AsRanEdge[];
  segments: AsRanSegment[];
  /** Activations past the limit (the latest by start), not drawn. */
  omittedActivations: number;
}

/** A segment as the folded graph sends it: its ends and length; its steps come a page at a time. */
export interface AsRanSegmentSummary {
  id: string;
  steps: number;
  first: Activation;
  last: Activation;
}

/**
 * The graph with every segment folded (GET …/activations?view=folded): what the view draws first,
 * a few KB where the whole graph of a 10,000-step loop is MBs.
 */
export interface AsRanFoldedGraph {
  /** Activations in no segment, in start order. */
  activations: Activation[];
  /** Edges but those inside a segment (an edge into a segment reaches its first, one out leaves its last). */
  edges: AsRanEdge[];
  segments: AsRanSegmentSummary[];
  /** The first page of the first few segments: opening one of them needs no round trip. */
  firstPages: AsRanSegmentPage[];
  /** Activations drawn, in segments or not. */
  drawnActivations: number;
  /** Activations past the limit (the latest by start), not drawn. */
  omittedActivations: number;
}

/** Steps of one segment, `offset` on (GET …/activations?segment=&offset=&limit=). */
export interface AsRanSegmentPage {
  segmentId: string;
  steps: number;
  offset: number;
  /** The chain's activations from `offset`, in order. */
  activations: Activation[];
  /** The chain's edge into each of them (none into its first) and the one out of the page's last, if any. */
  edges: AsRanEdge[];
}

/** Where a span's activation sits in the folded graph (GET …/activations?span=). */
export interface AsRanSpanPlace {
  activationId: string;
  /** Null for an activation in no segment. */
  segmentId: string | null;
  /** Its place in its segment's chain, 0-based; 0 when in none. */
  position: number;
}
