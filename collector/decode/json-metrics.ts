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
import { chargeArrayEntry, toMetricsRequest } from "@/collector/decode/envelope";
import { envelopeSteps, type EnvelopeFields } from "@/collector/decode/json";
import { arrayAt, attributesAt, doubleAt, enumAt, fail, field, objectAt, stringAt, uint64At, type Obj } from "@/collector/decode/json-common";
import { DecodeBudget, DEFAULT_DECODE_LIMITS } from "@/collector/decode/limits";
import { runToEnd, type Steps } from "@/collector/decode/slices";

/**
 * OTLP/JSON metrics into the same model as protobuf-metrics.ts, with the same charges: the
 * envelope charges each metric as an item, each data point is charged again (`span()`), number
 * arrays per few entries (chargeArrayEntry).
 */

const METRICS_FIELDS: EnvelopeFields = {
  resources: ["resourceMetrics", "resource_metrics"],
  scopes: ["scopeMetrics", "scope_metrics"],
  items: ["metrics", "metrics"],
};
const TEMPORALITY: Record<string, number> = {
  AGGREGATION_TEMPORALITY_UNSPECIFIED: 0,
  AGGREGATION_TEMPORALITY_DELTA: 1,
  AGGREGATION_TEMPORALITY_CUMULATIVE: 2,
};
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const UINT32_MAX = 2 ** 32 - 1;
const INTEGER = /^-?\d+$/;

type JsonInput = string | Uint8Array;
type Decode<T> = (v: unknown, path: string, budget: DecodeBudget) => T;
/** Reads one number; `index` (an array entry's) joins the path only when there is an error to report. */
type ReadNumber = (v: unknown, path: string, index?: number) => number;

const jsonBudget = () => new DecodeBudget(DEFAULT_DECODE_LIMITS, "JSON");

export function decodeMetricsRequestJson(text: JsonInput, budget = jsonBudget()): DecodedMetricsRequest {
  return runToEnd(metricsRequestJsonSteps(text, budget));
}

export function* metricsRequestJsonSteps(text: JsonInput, budget = jsonBudget()): Steps<DecodedMetricsRequest> {
  return toMetricsRequest(yield* envelopeSteps(text, METRICS_FIELDS, decodeMetric, budget));
}

/** Yields after each data point. */
function* decodeMetric(v: unknown, path: string, budget: DecodeBudget): Steps<DecodedMetric> {
  const m = objectAt(v, path) ?? {};
  return {
    name: budget.text(stringAt(m.name, `${path}.name`)),
    description: budget.text(stringAt(m.description, `${path}.description`)),
    unit: budget.text(stringAt(m.unit, `${path}.unit`)),
    data: yield* dataAt(m, path, budget),
  };
}

type DecodeData = (v: unknown, path: string, budget: DecodeBudget) => Steps<DecodedMetricData>;

function* exponential(v: unknown, path: string, budget: DecodeBudget): Steps<DecodedMetricData> {
  return { kind: "exponential_histogram", temporality: temporalityAt(v, path), points: yield* pointsAt(v, path, budget, exponentialPointAt) };
}

const DATA_FIELDS: Readonly<Record<string, DecodeData>> = {
  *gauge(v, path, budget) {
    return { kind: "gauge", points: yield* pointsAt(v, path, budget, numberPointAt) };
  },
  *sum(v, path, budget) {
    return {
      kind: "sum",
      temporality: temporalityAt(v, path),
      monotonic: boolAt(field(objectAt(v, path) ?? {}, "isMonotonic", "is_monotonic"), `${path}.isMonotonic`),
      points: yield* pointsAt(v, path, budget, numberPointAt),
    };
  },
  *histogram(v, path, budget) {
    return { kind: "histogram", temporality: temporalityAt(v, path), points: yield* pointsAt(v, path, budget, histogramPointAt) };
  },
  exponentialHistogram: exponential,
  exponential_histogram: exponential,
  *summary(v, path, budget) {
    return { kind: "summary", points: yield* pointsAt(v, path, budget, summaryPointAt) };
  },
};

/** The data oneof: the last data field present wins, as the last one on the protobuf wire does. */
function* dataAt(m: Obj, path: string, budget: DecodeBudget): Steps<DecodedMetricData> {
  let data: DecodedMetricData = { kind: "none" };
  for (const key of Object.keys(m)) {
    const decode = Object.hasOwn(DATA_FIELDS, key) ? DATA_FIELDS[key] : undefined;
    const value = m[key];
    if (decode !== undefined && value !== undefined && value !== null) data = yield* decode(value, `${path}.${key}`, budget);
  }
  return data;
}

function temporalityAt(v: unknown, path: string): number {
  const level = objectAt(v, path) ?? {};
  return enumAt(field(level, "aggregationTemporality", "aggregation_temporality"), `${path}.aggregationTemporality`, TEMPORALITY);
}

function* pointsAt<P>(v: unknown, path: string, budget: DecodeBudget, decodePoint: Decode<P>): Steps<P[]> {
  const level = objectAt(v, path) ?? {};
  const listPath = `${path}.dataPoints`;
  const list = arrayAt(field(level, "dataPoints", "data_points"), listPath);
  const points: P[] = [];
  for (let i = 0; i < list.length; i++) {
    budget.span();
    points.push(decodePoint(list[i], `${listPath}[${i}]`, budget));
    yield;
  }
  return points;
}

const startAt = (p: Obj, path: string) => uint64At(field(p, "startTimeUnixNano", "start_time_unix_nano"), `${path}.startTimeUnixNano`);
const timeAt = (p: Obj, path: string) => uint64At(field(p, "timeUnixNano", "time_unix_nano"), `${path}.timeUnixNano`);
const flagsAt = (p: Obj, path: string) => intAt(p.flags, `${path}.flags`, 0, UINT32_MAX);

function numberPointAt(v: unknown, path: string, budget: DecodeBudget): DecodedNumberPoint {
  const p = objectAt(v, path) ?? {};
  return {
    attributes: attributesAt(p.attributes, `${path}.attributes`, budget),
    startTimeUnixNano: startAt(p, path),
    timeUnixNano: timeAt(p, path),
    value: numberValueAt(p, path),
    flags: flagsAt(p, path),
  };
}

/** asDouble or asInt, a oneof: asInt (the later field) wins when both are sent; null when neither is. */
function numberValueAt(p: Obj, path: string): number | null {
  const asInt = field(p, "asInt", "as_int");
  if (asInt !== undefined && asInt !== null) return int64At(asInt, `${path}.asInt`);
  return optionalDoubleAt(field(p, "asDouble", "as_double"), `${path}.asDouble`);
}

function histogramPointAt(v: unknown, path: string, budget: DecodeBudget): DecodedHistogramPoint {
  const p = objectAt(v, path) ?? {};
  return {
    attributes: attributesAt(p.attributes, `${path}.attributes`, budget),
    startTimeUnixNano: startAt(p, path),
    timeUnixNano: timeAt(p, path),
    count: countAt(p.count, `${path}.count`),
    sum: optionalDoubleAt(p.sum, `${path}.sum`),
    min: optionalDoubleAt(p.min, `${path}.min`),
    max: optionalDoubleAt(p.max, `${path}.max`),
    bucketCounts: numbersAt(field(p, "bucketCounts", "bucket_counts"), `${path}.bucketCounts`, budget, countAt),
    explicitBounds: numbersAt(field(p, "explicitBounds", "explicit_bounds"), `${path}.explicitBounds`, budget, boundAt),
    flags: flagsAt(p, path),
  };
}

function exponentialPointAt(v: unknown, path: string, budget: DecodeBudget): DecodedExponentialHistogramPoint {
  const p = objectAt(v, path) ?? {};
  return {
    attributes: attributesAt(p.attributes, `${path}.attributes`, budget),
    startTimeUnixNano: startAt(p, path),
    timeUnixNano: timeAt(p, path),
    count: countAt(p.count, `${path}.count`),
    sum: optionalDoubleAt(p.sum, `${path}.sum`),
    min: optionalDoubleAt(p.min, `${path}.min`),
    max: optionalDoubleAt(p.max, `${path}.max`),
    scale: intAt(p.scale, `${path}.scale`, INT32_MIN, INT32_MAX),
    zeroCount: countAt(field(p, "zeroCount", "zero_count"), `${path}.zeroCount`),
    zeroThreshold: optionalDoubleAt(field(p, "zeroThreshold", "zero_threshold"), `${path}.zeroThreshold`) ?? 0,
    positive: bucketsAt(p.positive, `${path}.positive`, budget),
    negative: bucketsAt(p.negative, `${path}.negative`, budget),
    flags: flagsAt(p, path),
  };
}

function bucketsAt(v: unknown, path: string, budget: DecodeBudget): DecodedExponentialBuckets {
  const b = objectAt(v, path) ?? {};
  return {
    offset: intAt(b.offset, `${path}.offset`, INT32_MIN, INT32_MAX),
    bucketCounts: numbersAt(field(b, "bucketCounts", "bucket_counts"), `${path}.bucketCounts`, budget, countAt),
  };
}

function summaryPointAt(v: unknown, path: string, budget: DecodeBudget): DecodedSummaryPoint {
  const p = objectAt(v, path) ?? {};
  return {
    attributes: attributesAt(p.attributes, `${path}.attributes`, budget),
    startTimeUnixNano: startAt(p, path),
    timeUnixNano: timeAt(p, path),
    count: countAt(p.count, `${path}.count`),
    sum: optionalDoubleAt(p.sum, `${path}.sum`) ?? 0,
    flags: flagsAt(p, path),
  };
}

/** A repeated number field; an entry may not be null (only fields may be absent). */
function numbersAt(v: unknown, path: string, budget: DecodeBudget, read: ReadNumber): number[] {
  const list = arrayAt(v, path);
  const out: number[] = [];
  for (let i = 0; i < list.length; i++) {
    chargeArrayEntry(budget, i);
    const entry = list[i];
    if (entry === null || entry === undefined) fail(`${path}[${i}]`, "expected a number, got null");
    out.push(read(entry, path, i));
  }
  return out;
}

const at = (path: string, index: number | undefined) => (index === undefined ? path : `${path}[${index}]`);

/** uint64 counts as numbers (Number of the exact value: rounded past 2^53); absent is 0. */
function countAt(v: unknown, path: string, index?: number): number {
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < 2 ** 64) return v;
  return Number(uint64At(v, at(path, index)));
}

/** as_int (int64) as a number, possibly rounded past 2^53 (the model's choice for metric values). */
function int64At(v: unknown, path: string): number {
  if (typeof v === "number" && Number.isInteger(v) && v >= -(2 ** 63) && v < 2 ** 63) return v + 0; // + 0 turns -0 into 0
  if (typeof v === "string" && INTEGER.test(v)) {
    const n = BigInt(v);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return Number(n);
  }
  return fail(path, `expected a 64-bit integer, got ${describe(v)}`);
}

/** int32/uint32 fields (scale, offset, flags): a number or, as proto JSON allows, a decimal string; absent is 0. */
function intAt(v: unknown, path: string, min: number, max: number): number {
  if (v === undefined || v === null) return 0;
  const n = typeof v === "string" && INTEGER.test(v) ? Number(v) : v;
  if (typeof n === "number" && Number.isInteger(n) && n >= min && n <= max) return n + 0;
  return fail(path, `expected an integer from ${min} to ${max}, got ${describe(v)}`);
}

/** An array entry's double (json-common's, the entry's index in the error path). */
const boundAt: ReadNumber = (v, path, index) => doubleAt(v, at(path, index));

function optionalDoubleAt(v: unknown, path: string): number | null {
  return v === undefined || v === null ? null : doubleAt(v, path);
}

function boolAt(v: unknown, path: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === "boolean") return v;
  return fail(path, `expected a boolean, got ${describe(v)}`);
}

function describe(v: unknown): string {
  if (typeof v === "string") return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v === "object" ? "object" : String(v);
}
