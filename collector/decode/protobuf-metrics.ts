import type {
  DecodedExponentialBuckets,
  DecodedExponentialHistogramPoint,
  DecodedHistogramPoint,
  DecodedMetric,
  DecodedMetricData,
  DecodedMetricsRequest,
  DecodedNumberPoint,
  DecodedSummaryPoint,
} from "@/collector/decode/model";
import { toMetricsRequest } from "@/collector/decode/envelope";
import { AttributeSet } from "@/collector/decode/attribute-set";
import type { DecodeBudget } from "@/collector/decode/limits";
import { decodeKeyValue } from "@/collector/decode/protobuf-common";
import { envelopeSchemas, envelopeSteps } from "@/collector/decode/protobuf-envelope";
import { runToEnd, type Steps } from "@/collector/decode/slices";
import { I64, LEN, Reader, VARINT, messageSchema, packable, type MessageSchema } from "@/collector/decode/wire";

const METRICS = envelopeSchemas("ExportMetricsServiceRequest", "ResourceMetrics", "ScopeMetrics");
// 12 metadata is skipped.
const METRIC = messageSchema("Metric", { 1: LEN, 2: LEN, 3: LEN, 5: LEN, 7: LEN, 9: LEN, 10: LEN, 11: LEN });
const GAUGE = messageSchema("Gauge", { 1: LEN });
const SUM = messageSchema("Sum", { 1: LEN, 2: VARINT, 3: VARINT });
const HISTOGRAM = messageSchema("Histogram", { 1: LEN, 2: VARINT });
const EXPONENTIAL_HISTOGRAM = messageSchema("ExponentialHistogram", { 1: LEN, 2: VARINT });
const SUMMARY = messageSchema("Summary", { 1: LEN });
// Exemplars (5, 8, 11) and quantile_values (6) are skipped: the model keeps neither.
const NUMBER_POINT = messageSchema("NumberDataPoint", { 2: I64, 3: I64, 4: I64, 6: I64, 7: LEN, 8: VARINT });
const HISTOGRAM_POINT = messageSchema("HistogramDataPoint", {
  2: I64, 3: I64, 4: I64, 5: I64, 6: packable(I64), 7: packable(I64), 9: LEN, 10: VARINT, 11: I64, 12: I64,
});
const EXPONENTIAL_POINT = messageSchema("ExponentialHistogramDataPoint", {
  1: LEN, 2: I64, 3: I64, 4: I64, 5: I64, 6: VARINT, 7: I64, 8: LEN, 9: LEN, 10: VARINT, 12: I64, 13: I64, 14: I64,
});
const BUCKETS = messageSchema("ExponentialHistogramDataPoint.Buckets", { 1: VARINT, 2: packable(VARINT) });
const SUMMARY_POINT = messageSchema("SummaryDataPoint", { 2: I64, 3: I64, 4: I64, 5: I64, 7: LEN, 8: VARINT });

/**
 * ExportMetricsServiceRequest decoder, against opentelemetry/proto/metrics/v1/metrics.proto field
 * numbers. The envelope charges each metric as an item; each data point is charged again
 * (`span()`) before it is built, and number arrays per few entries (chargeArrayEntry).
 */
export function decodeMetricsRequestProtobuf(bytes: Uint8Array, budget?: DecodeBudget): DecodedMetricsRequest {
  return runToEnd(metricsRequestProtobufSteps(bytes, budget));
}

/** The same decoding in steps (one per metric), for decoding in time slices. */
export function* metricsRequestProtobufSteps(bytes: Uint8Array, budget?: DecodeBudget): Steps<DecodedMetricsRequest> {
  return toMetricsRequest(yield* envelopeSteps(new Reader(bytes, budget), METRICS, decodeMetric));
}

/** Metric: `data` is a oneof, so the last data field on the wire wins. Yields after each data point. */
function* decodeMetric(r: Reader, end: number): Steps<DecodedMetric> {
  const metric: DecodedMetric = { name: "", description: "", unit: "", data: { kind: "none" } };
  while (r.pos < end) {
    const field = r.next(METRIC);
    switch (field) {
      case 1:
        metric.name = r.text(end);
        break;
      case 2:
        metric.description = r.text(end);
        break;
      case 3:
        metric.unit = r.text(end);
        break;
      case 5:
        metric.data = { kind: "gauge", points: (yield* decodeLevel(r, r.sub(end), GAUGE, decodeNumberPoint)).points };
        break;
      case 7: {
        const { temporality, monotonic, points } = yield* decodeLevel(r, r.sub(end), SUM, decodeNumberPoint);
        metric.data = { kind: "sum", temporality, monotonic, points };
        break;
      }
      case 9: {
        const { temporality, points } = yield* decodeLevel(r, r.sub(end), HISTOGRAM, decodeHistogramPoint);
        metric.data = { kind: "histogram", temporality, points };
        break;
      }
      case 10: {
        const { temporality, points } = yield* decodeLevel(r, r.sub(end), EXPONENTIAL_HISTOGRAM, decodeExponentialPoint);
        metric.data = { kind: "exponential_histogram", temporality, points };
        break;
      }
      case 11:
        metric.data = { kind: "summary", points: (yield* decodeLevel(r, r.sub(end), SUMMARY, decodeSummaryPoint)).points };
        break;
      default:
        r.skip(field, METRIC, end);
    }
  }
  r.done(end, METRIC);
  return metric;
}

interface Level<P> {
  points: P[];
  temporality: number;
  monotonic: boolean;
}

/**
 * Gauge, Sum, Histogram, ExponentialHistogram or Summary: data_points in field 1, then
 * aggregation_temporality (2) and is_monotonic (3) where `schema` declares them.
 */
function* decodeLevel<P>(r: Reader, end: number, schema: MessageSchema, decodePoint: (r: Reader, end: number) => P): Steps<Level<P>> {
  const level: Level<P> = { points: [], temporality: 0, monotonic: false };
  while (r.pos < end) {
    const field = r.next(schema);
    if (field === 1) {
      r.budget.span();
      level.points.push(decodePoint(r, r.sub(end)));
      yield;
    } else if (field === 2 && declares(schema, 2)) level.temporality = r.uint32() | 0; // enum, i.e. int32
    else if (field === 3 && declares(schema, 3)) level.monotonic = r.bool();
    else r.skip(field, schema, end);
  }
  r.done(end, schema);
  return level;
}

function declares(schema: MessageSchema, field: number): boolean {
  return (schema.wireTypes[field] ?? -1) >= 0;
}

function decodeNumberPoint(r: Reader, end: number): DecodedNumberPoint {
  const attributes = new AttributeSet(r.budget);
  const point: DecodedNumberPoint = { attributes: {}, startTimeUnixNano: 0n, timeUnixNano: 0n, value: null, flags: 0 };
  while (r.pos < end) {
    const field = r.next(NUMBER_POINT);
    switch (field) {
      case 2:
        point.startTimeUnixNano = r.fixed64();
        break;
      case 3:
        point.timeUnixNano = r.fixed64();
        break;
      case 4: // as_double and as_int are a oneof: the last wins
        point.value = r.double();
        break;
      case 6:
        point.value = r.sfixed64();
        break;
      case 7:
        decodeKeyValue(r, r.sub(end), attributes);
        break;
      case 8:
        point.flags = r.uint32();
        break;
      default:
        r.skip(field, NUMBER_POINT, end);
    }
  }
  r.done(end, NUMBER_POINT);
  point.attributes = attributes.values;
  return point;
}

function decodeHistogramPoint(r: Reader, end: number): DecodedHistogramPoint {
  const attributes = new AttributeSet(r.budget);
  const point: DecodedHistogramPoint = {
    attributes: {},
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    count: 0,
    sum: null,
    min: null,
    max: null,
    bucketCounts: [],
    explicitBounds: [],
    flags: 0,
  };
  while (r.pos < end) {
    const field = r.next(HISTOGRAM_POINT);
    switch (field) {
      case 2:
        point.startTimeUnixNano = r.fixed64();
        break;
      case 3:
        point.timeUnixNano = r.fixed64();
        break;
      case 4:
        point.count = r.fixed64AsNumber();
        break;
      case 5:
        point.sum = r.double();
        break;
      case 6:
        r.repeatedFixed64(end, point.bucketCounts);
        break;
      case 7:
        r.repeatedDouble(end, point.explicitBounds);
        break;
      case 9:
        decodeKeyValue(r, r.sub(end), attributes);
        break;
      case 10:
        point.flags = r.uint32();
        break;
      case 11:
        point.min = r.double();
        break;
      case 12:
        point.max = r.double();
        break;
      default:
        r.skip(field, HISTOGRAM_POINT, end);
    }
  }
  r.done(end, HISTOGRAM_POINT);
  point.attributes = attributes.values;
  return point;
}

function decodeExponentialPoint(r: Reader, end: number): DecodedExponentialHistogramPoint {
  const attributes = new AttributeSet(r.budget);
  const point: DecodedExponentialHistogramPoint = {
    attributes: {},
    startTimeUnixNano: 0n,
    timeUnixNano: 0n,
    count: 0,
    sum: null,
    min: null,
    max: null,
    scale: 0,
    zeroCount: 0,
    zeroThreshold: 0,
    positive: { offset: 0, bucketCounts: [] },
    negative: { offset: 0, bucketCounts: [] },
    flags: 0,
  };
  while (r.pos < end) {
    const field = r.next(EXPONENTIAL_POINT);
    switch (field) {
      case 1:
        decodeKeyValue(r, r.sub(end), attributes);
        break;
      case 2:
        point.startTimeUnixNano = r.fixed64();
        break;
      case 3:
        point.timeUnixNano = r.fixed64();
        break;
      case 4:
        point.count = r.fixed64AsNumber();
        break;
      case 5:
        point.sum = r.double();
        break;
      case 6:
        point.scale = r.sint32();
        break;
      case 7:
        point.zeroCount = r.fixed64AsNumber();
        break;
      case 8:
        point.positive = decodeBuckets(r, r.sub(end));
        break;
      case 9:
        point.negative = decodeBuckets(r, r.sub(end));
        break;
      case 10:
        point.flags = r.uint32();
        break;
      case 12:
        point.min = r.double();
        break;
      case 13:
        point.max = r.double();
        break;
      case 14:
        point.zeroThreshold = r.double();
        break;
      default:
        r.skip(field, EXPONENTIAL_POINT, end);
    }
  }
  r.done(end, EXPONENTIAL_POINT);
  point.attributes = attributes.values;
  return point;
}

function decodeBuckets(r: Reader, end: number): DecodedExponentialBuckets {
  const buckets: DecodedExponentialBuckets = { offset: 0, bucketCounts: [] };
  while (r.pos < end) {
    const field = r.next(BUCKETS);
    if (field === 1) buckets.offset = r.sint32();
    else if (field === 2) r.repeatedUint64(end, buckets.bucketCounts);
    else r.skip(field, BUCKETS, end);
  }
  r.done(end, BUCKETS);
  return buckets;
}

function decodeSummaryPoint(r: Reader, end: number): DecodedSummaryPoint {
  const attributes = new AttributeSet(r.budget);
  const point: DecodedSummaryPoint = { attributes: {}, startTimeUnixNano: 0n, timeUnixNano: 0n, count: 0, sum: 0, flags: 0 };
  while (r.pos < end) {
    const field = r.next(SUMMARY_POINT);
    switch (field) {
      case 2:
        point.startTimeUnixNano = r.fixed64();
        break;
      case 3:
        point.timeUnixNano = r.fixed64();
        break;
      case 4:
        point.count = r.fixed64AsNumber();
        break;
      case 5:
        point.sum = r.double();
        break;
      case 7:
        decodeKeyValue(r, r.sub(end), attributes);
        break;
      case 8:
        point.flags = r.uint32();
        break;
      default:
        r.skip(field, SUMMARY_POINT, end);
    }
  }
  r.done(end, SUMMARY_POINT);
  point.attributes = attributes.values;
  return point;
}
