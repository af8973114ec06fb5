import type { NewAuditEvent, NewLogRecord, NewMetricPoint, NewMetricSeries, NewNodeSpec, NewScore, NewSpan, StaticGraph } from "@/lib/db/types";

/** Records of one export that were invalid and not stored; the rest of the export was. */
export interface Rejection {
  count: number;
  /** At most a few distinct messages, each naming the record and what to fix (also warnings: a part of a kept record dropped, with count 0). */
  messages: string[];
}

/** The static graph of a logic id as one `agent.graph` span declared it. */
export interface GraphDefinition {
  tenantId: string;
  workloadName: string;
  logicId: string;
  workloadId: string | null;
  version: string | null;
  graph: StaticGraph;
  /** The span's start time: when this definition was seen. */
  seenUnixNano: bigint;
}

/** Everything one trace export turns into, ready for the store. */
export interface NormalizedTraces {
  spans: NewSpan[];
  /** Audit events carried as span events named `codon.audit.<type>`. */
  auditEvents: NewAuditEvent[];
  /** GenAI evaluation events (span events named gen_ai.evaluation.result), each once. */
  scores: NewScore[];
  graphs: GraphDefinition[];
  nodeSpecs: NewNodeSpec[];
  rejected: Rejection;
}

export interface NormalizedLogs {
  auditEvents: NewAuditEvent[];
  /** Log records that are not audit events, each once (a record repeated within the export is kept once). */
  logRecords: NewLogRecord[];
  /** GenAI evaluation events sent as log records, each once. */
  scores: NewScore[];
  rejected: Rejection;
}

export interface NormalizedMetrics {
  /** Each series the export's points belong to, once. */
  metricSeries: NewMetricSeries[];
  metricPoints: NewMetricPoint[];
  rejected: Rejection;
}
