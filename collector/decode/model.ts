import type { JsonObject, JsonValue } from "@/lib/db/types";

/**
 * OTLP export requests after decoding, the same shape whichever transport and encoding
 * (gRPC/HTTP, protobuf/JSON) they came in. Nothing is validated or interpreted here beyond
 * the wire format: normalization decides what is valid.
 *
 * - Ids are lowercase hex ("" when absent on the wire; parentSpanId "" for a root span).
 * - Times are exact bigint nanoseconds (0n when absent).
 * - Attribute values map to JSON: string, boolean, double -> number, int64 -> number when it is
 *   a safe integer, else its decimal string; bytes -> base64 string; array -> array;
 *   kvlist -> object; an empty AnyValue -> null. Duplicate keys: the last one wins.
 */
export type Attributes = JsonObject;
export type AttributeValue = JsonValue;

export interface InstrumentationScope {
  name: string;
  version: string;
  attributes: Attributes;
}

export interface DecodedSpanEvent {
  timeUnixNano: bigint;
  name: string;
  attributes: Attributes;
}

export interface DecodedSpanLink {
  traceId: string;
  spanId: string;
  traceState: string;
  attributes: Attributes;
}

/** OTLP status codes: 0 unset, 1 ok, 2 error. */
export interface DecodedStatus {
  code: number;
  message: string;
}

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  traceState: string;
  name: string;
  /** OTLP SpanKind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  startTimeUnixNano: bigint;
  endTimeUnixNano: bigint;
  attributes: Attributes;
  events: DecodedSpanEvent[];
  links: DecodedSpanLink[];
  status: DecodedStatus;
}

export interface DecodedScopeSpans {
  scope: InstrumentationScope;
  spans: DecodedSpan[];
}

export interface DecodedResourceSpans {
  resource: Attributes;
  scopeSpans: DecodedScopeSpans[];
}

export interface DecodedTraceRequest {
  resourceSpans: DecodedResourceSpans[];
}

export interface DecodedLogRecord {
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: AttributeValue;
  attributes: Attributes;
  traceId: string;
  spanId: string;
  /** LogRecord.event_name (field 12, newer OTLP); "" when absent. */
  eventName: string;
}

export interface DecodedScopeLogs {
  scope: InstrumentationScope;
  logRecords: DecodedLogRecord[];
}

export interface DecodedResourceLogs {
  resource: Attributes;
  scopeLogs: DecodedScopeLogs[];
}

export interface DecodedLogsRequest {
  resourceLogs: DecodedResourceLogs[];
}

/** The payload could not be decoded at all: the whole export is rejected (HTTP 400 / INVALID_ARGUMENT). */
export class DecodeError extends Error {
  override name = "DecodeError";

  constructor(
    message: string,
    /** What the payload failed to be, for the message the sender gets. */
    readonly format: "protobuf" | "JSON",
  ) {
    super(message);
  }
}

/**
 * One data point of any metric kind. `value` is a gauge's or sum's number (int64 as a JS number,
 * possibly inexact past 2^53; null when the point has none); histogram fields are empty for them.
 */
export interface DecodedNumberPoint {
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  value: number | null;
  /** DataPointFlags: bit 0 is FLAG_NO_RECORDED_VALUE. */
  flags: number;
}

export interface DecodedHistogramPoint {
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  /** Explicit histograms: counts.length === explicitBounds.length + 1 when well formed. */
  bucketCounts: number[];
  explicitBounds: number[];
  flags: number;
}

export interface DecodedExponentialBuckets {
  offset: number;
  bucketCounts: number[];
}

export interface DecodedExponentialHistogramPoint {
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  scale: number;
  zeroCount: number;
  zeroThreshold: number;
  positive: DecodedExponentialBuckets;
  negative: DecodedExponentialBuckets;
  flags: number;
}

export interface DecodedSummaryPoint {
  attributes: Attributes;
  startTimeUnixNano: bigint;
  timeUnixNano: bigint;
  count: number;
  sum: number;
  flags: number;
}

/** AggregationTemporality: 0 unspecified, 1 delta, 2 cumulative. */
export type DecodedMetricData =
  | { kind: "gauge"; points: DecodedNumberPoint[] }
  | { kind: "sum"; temporality: number; monotonic: boolean; points: DecodedNumberPoint[] }
  | { kind: "histogram"; temporality: number; points: DecodedHistogramPoint[] }
  | { kind: "exponential_histogram"; temporality: number; points: DecodedExponentialHistogramPoint[] }
  | { kind: "summary"; points: DecodedSummaryPoint[] }
  /** No data field the decoder knows (or none at all). */
  | { kind: "none" };

export interface DecodedMetric {
  name: string;
  description: string;
  unit: string;
  data: DecodedMetricData;
}

export interface DecodedScopeMetrics {
  scope: InstrumentationScope;
  metrics: DecodedMetric[];
}

export interface DecodedResourceMetrics {
  resource: Attributes;
  scopeMetrics: DecodedScopeMetrics[];
}

export interface DecodedMetricsRequest {
  resourceMetrics: DecodedResourceMetrics[];
}
