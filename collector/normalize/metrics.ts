import { createHash } from "node:crypto";
import type {
  Attributes,
  DecodedExponentialHistogramPoint,
  DecodedHistogramPoint,
  DecodedMetric,
  DecodedMetricsRequest,
  DecodedNumberPoint,
  DecodedSummaryPoint,
  InstrumentationScope,
} from "@/collector/decode/model";
import type { JsonObject, JsonValue, MetricKind, NewMetricPoint, NewMetricSeries } from "@/lib/db/types";
import { emptyToNull, INT8_MAX } from "@/collector/normalize/attributes";
import { exponentialToExplicit, type ExplicitBuckets } from "@/collector/normalize/exponential-buckets";
import type { NormalizedMetrics } from "@/collector/normalize/rows";
import { RejectionLog, showId } from "@/collector/normalize/validate";
import { extractServiceName } from "@/collector/normalize/workload";
import type { Steps } from "@/collector/decode/slices";

/** Buckets one histogram point may have (explicit, or exponential once made explicit): the SDKs' default maximum is 160 per sign. */
export const MAX_BUCKETS_PER_POINT = 4096;

const isUsableTime = (time: bigint) => time > 0n && time <= INT8_MAX;
const finiteOrNull = (value: number | null) => (value !== null && Number.isFinite(value) ? value : null);
/** Counts are int8 columns: a count past 2^63 - 1 cannot be stored. */
const isCount = (value: number) => Number.isFinite(value) && value >= 0 && value < 2 ** 63;

/** Keys sorted at every level, so one attribute set (or resource) sent in any order is one series. */
function canonical(attributes: JsonObject): JsonObject {
  const sorted: JsonObject = {};
  for (const key of Object.keys(attributes).sort()) sorted[key] = canonicalValue(attributes[key]!);
  return sorted;
}

function canonicalValue(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(canonicalValue);
  return value !== null && typeof value === "object" ? canonical(value) : value;
}

interface SeriesContext {
  tenantId: string;
  resource: Attributes;
  resourceJson: string;
  serviceName: string | null;
  scope: InstrumentationScope;
  metric: DecodedMetric;
  kind: MetricKind;
  temporality: number | null;
  monotonic: boolean | null;
}

/** The series row of one attribute set; its key digests everything that makes it that series. */
function seriesRow(context: SeriesContext, attributes: Attributes, firstSeen: bigint): NewMetricSeries {
  const sorted = canonical(attributes);
  const { metric, scope } = context;
  const identity = [scope.name, scope.version, metric.name, context.kind, metric.unit, context.temporality, context.monotonic, sorted];
  const key = createHash("sha256").update(context.resourceJson).update("\u0000").update(JSON.stringify(identity)).digest("hex").slice(0, 32);
  return {
    tenant_id: context.tenantId,
    series_key: key,
    service_name: context.serviceName,
    metric_name: metric.name,
    kind: context.kind,
    unit: emptyToNull(metric.unit),
    description: emptyToNull(metric.description),
    temporality: context.temporality,
    monotonic: context.monotonic,
    attributes: sorted,
    resource_attributes: context.resource,
    scope_name: emptyToNull(scope.name),
    first_seen_unix_nano: firstSeen.toString(),
  };
}

type PointFields = Omit<NewMetricPoint, "tenant_id" | "series_key" | "time_unix_nano" | "start_time_unix_nano" | "flags">;
type Checked = { fields: PointFields } | { problem: string };

function numberFields(point: DecodedNumberPoint): Checked {
  return { fields: { value: finiteOrNull(point.value) } };
}

function bucketsProblem(buckets: ExplicitBuckets): string | null {
  if (buckets.counts.length > MAX_BUCKETS_PER_POINT) return `more than ${MAX_BUCKETS_PER_POINT} buckets`;
  if (!buckets.counts.every(isCount)) return "bucket counts must be non-negative numbers";
  for (let i = 0; i < buckets.bounds.length; i++) {
    const bound = buckets.bounds[i]!;
    if (!Number.isFinite(bound) || (i > 0 && bound <= buckets.bounds[i - 1]!)) return "explicit bounds must be finite and ascending";
  }
  return null;
}

function distributionFields(point: { count: number; sum: number | null; min: number | null; max: number | null }, buckets: ExplicitBuckets | null): Checked {
  if (!isCount(point.count)) return { problem: "count must be a non-negative number" };
  if (buckets !== null) {
    const problem = bucketsProblem(buckets);
    if (problem !== null) return { problem };
  }
  return {
    fields: {
      count: Math.round(point.count),
      sum: finiteOrNull(point.sum),
      min: finiteOrNull(point.min),
      max: finiteOrNull(point.max),
      bounds: buckets && buckets.bounds.length + buckets.counts.length > 0 ? buckets.bounds : null,
      bucket_counts: buckets && buckets.counts.length > 0 ? buckets.counts.map(Math.round) : null,
    },
  };
}

function histogramFields(point: DecodedHistogramPoint): Checked {
  const { bucketCounts: counts, explicitBounds: bounds } = point;
  if (counts.length === 0 && bounds.length === 0) return distributionFields(point, null);
  if (counts.length !== bounds.length + 1) return { problem: "bucketCounts must have one entry more than explicitBounds" };
  return distributionFields(point, { bounds, counts });
}

function exponentialFields(point: DecodedExponentialHistogramPoint): Checked {
  const sides = point.positive.bucketCounts.length + point.negative.bucketCounts.length;
  if (sides > MAX_BUCKETS_PER_POINT) return { problem: `more than ${MAX_BUCKETS_PER_POINT} buckets` };
  if (!isCount(point.zeroCount)) return { problem: "zeroCount must be a non-negative number" };
  const buckets = exponentialToExplicit(point);
  if (buckets === null) return { problem: "scale must be between -10 and 20, with bucket bounds that are finite numbers" };
  return distributionFields(point, buckets);
}

function summaryFields(point: DecodedSummaryPoint): Checked {
  return distributionFields({ count: point.count, sum: point.sum, min: null, max: null }, null);
}

type AnyPoint = DecodedNumberPoint | DecodedHistogramPoint | DecodedExponentialHistogramPoint | DecodedSummaryPoint;

interface MetricShape {
  kind: MetricKind;
  temporality: number | null;
  monotonic: boolean | null;
  points: readonly AnyPoint[];
  fields: (point: AnyPoint) => Checked;
}

/** What the metric's data field says about its series, and how each of its points reads. */
function shapeOf(metric: DecodedMetric): MetricShape | null {
  const data = metric.data;
  switch (data.kind) {
    case "gauge":
      return { kind: "gauge", temporality: null, monotonic: null, points: data.points, fields: (p) => numberFields(p as DecodedNumberPoint) };
    case "sum":
      return { kind: "sum", temporality: data.temporality, monotonic: data.monotonic, points: data.points, fields: (p) => numberFields(p as DecodedNumberPoint) };
    case "histogram":
      return { kind: "histogram", temporality: data.temporality, monotonic: null, points: data.points, fields: (p) => histogramFields(p as DecodedHistogramPoint) };
    case "exponential_histogram":
      return { kind: "exponential_histogram", temporality: data.temporality, monotonic: null, points: data.points, fields: (p) => exponentialFields(p as DecodedExponentialHistogramPoint) };
    case "summary":
      return { kind: "summary", temporality: null, monotonic: null, points: data.points, fields: (p) => summaryFields(p as DecodedSummaryPoint) };
    case "none":
      return null;
  }
}

/**
 * One decoded metrics export as rows: a series row per distinct series (stored once, skipped when
 * known) and a point row per data point. Points without a usable time, with counts that are not
 * storable, or whose buckets and bounds do not match, are rejected and counted; the rest are kept. A point repeated within the export (same
 * series and time) is kept once.
 */
export function* normalizeMetricsSteps(request: DecodedMetricsRequest, tenantId: string): Steps<NormalizedMetrics> {
  const rejections = new RejectionLog();
  const series = new Map<string, NewMetricSeries>();
  const points = new Map<string, NewMetricPoint>();
  for (const { resource, scopeMetrics } of request.resourceMetrics) {
    // The series key digests the resource in canonical order: a hop that reorders it changes no series.
    const resourceJson = JSON.stringify(canonical(resource));
    const serviceName = extractServiceName(resource);
    for (const { scope, metrics } of scopeMetrics) {
      for (const metric of metrics) {
        const shape = shapeOf(metric);
        if (shape === null) continue;
        const context: SeriesContext = { tenantId, resource, resourceJson, serviceName, scope, metric, ...shape };
        for (let index = 0; index < shape.points.length; index++) {
          yield;
          const point = shape.points[index]!;
          const where = `metric ${showId(metric.name || "(unnamed)")} point ${index}`;
          if (metric.name === "") {
            rejections.reject(`${where}: the metric has no name`);
            continue;
          }
          if (!isUsableTime(point.timeUnixNano)) {
            rejections.reject(`${where}: timeUnixNano must be set (between 1 and 2^63-1)`);
            continue;
          }
          const checked = shape.fields(point);
          if ("problem" in checked) {
            rejections.reject(`${where}: ${checked.problem}`);
            continue;
          }
          const row = seriesRow(context, point.attributes, point.timeUnixNano);
          const known = series.get(row.series_key);
          if (known === undefined) series.set(row.series_key, row);
          else if (BigInt(row.first_seen_unix_nano) < BigInt(known.first_seen_unix_nano)) known.first_seen_unix_nano = row.first_seen_unix_nano;
          const time = point.timeUnixNano.toString();
          points.set(`${row.series_key}/${time}`, {
            tenant_id: tenantId,
            series_key: row.series_key,
            time_unix_nano: time,
            start_time_unix_nano: isUsableTime(point.startTimeUnixNano) ? point.startTimeUnixNano.toString() : null,
            flags: Number.isInteger(point.flags) && point.flags >= 0 && point.flags <= 0x7fff ? point.flags : 0,
            ...checked.fields,
          });
        }
      }
    }
  }
  return { metricSeries: [...series.values()], metricPoints: [...points.values()], rejected: rejections.toRejection() };
}
