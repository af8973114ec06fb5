import { ValueType } from "@opentelemetry/api";
import { JsonMetricsSerializer, ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AggregationTemporality, AggregationType, MeterProvider, MetricReader, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { beforeAll, describe, expect, it } from "vitest";
import { decodeMetricsRequestJson } from "@/collector/decode/json-metrics";
import { DecodeBudget, DEFAULT_DECODE_LIMITS, ExportLimitError, MAX_ARRAY_ENTRIES, type DecodeLimits } from "@/collector/decode/limits";
import type { DecodedMetric, DecodedMetricsRequest } from "@/collector/decode/model";
import { decodeMetricsRequestProtobuf } from "@/collector/decode/protobuf-metrics";
import { decodeMetrics } from "@/collector/decode/request";
import { decodeError } from "@/collector/decode/testing/assertions";
import { END_NS, START_NS, hrTime } from "@/collector/decode/testing/fixtures";
import { pb, withUnknownFields, type Nested } from "@/collector/decode/testing/wire";

// ---- Real SDK metrics: every instrument kind, read cumulative and delta from one provider ----

class CollectingReader extends MetricReader {
  protected override async onShutdown(): Promise<void> {}
  protected override async onForceFlush(): Promise<void> {}
}

/** The SDK stamps the clock: fixed times (past 2^53 ns) make every value assertable. */
function withFixedTimes(resourceMetrics: ResourceMetrics): ResourceMetrics {
  const at = { startTime: hrTime(START_NS), endTime: hrTime(END_NS) };
  return {
    ...resourceMetrics,
    scopeMetrics: resourceMetrics.scopeMetrics.map((scope) => ({
      ...scope,
      metrics: scope.metrics.map((metric) => ({ ...metric, dataPoints: metric.dataPoints.map((p) => ({ ...p, ...at })) }) as typeof metric),
    })),
  };
}

async function recordMetrics(): Promise<{ cumulative: ResourceMetrics; delta: ResourceMetrics }> {
  const cumulative = new CollectingReader();
  const delta = new CollectingReader({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ "service.name": "qa-agent" }),
    readers: [cumulative, delta],
    views: [{ instrumentName: "codon.payload.size", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM, options: { maxSize: 160 } } }],
  });
  const meter = provider.getMeter("codon_sdk", "1.2.3");
  const tokens = meter.createCounter("codon.tokens", { description: "Tokens used", unit: "{token}", valueType: ValueType.INT });
  tokens.add(5, { model: "a" });
  tokens.add(7, { model: "a" });
  tokens.add(3, { model: "b" });
  const queue = meter.createUpDownCounter("codon.queue.depth");
  queue.add(2.5);
  queue.add(-1);
  meter.createGauge("codon.temperature", { unit: "Cel" }).record(-3.25, { zone: "eu" });
  meter.createObservableGauge("codon.offset", { valueType: ValueType.INT }).addCallback((result) => result.observe(-(2 ** 40)));
  const latency = meter.createHistogram("codon.latency", { unit: "ms", advice: { explicitBucketBoundaries: [0, 10, 100] } });
  for (const ms of [5, 50, 500, 7]) latency.record(ms, { node: "call_model" });
  const size = meter.createHistogram("codon.payload.size", { unit: "By" });
  for (const bytes of [1, 2, 4, 0]) size.record(bytes);
  const [c, d] = await Promise.all([cumulative.collect(), delta.collect()]);
  return { cumulative: withFixedTimes(c.resourceMetrics), delta: withFixedTimes(d.resourceMetrics) };
}

function serialized(bytes: Uint8Array | undefined): Uint8Array {
  if (!bytes) throw new Error("the serializer produced no bytes");
  return bytes;
}
const metricsProtobuf = (metrics: ResourceMetrics) => serialized(ProtobufMetricsSerializer.serializeRequest(metrics));
const metricsJson = (metrics: ResourceMetrics) => new TextDecoder().decode(serialized(JsonMetricsSerializer.serializeRequest(metrics)));

const times = { startTimeUnixNano: START_NS, timeUnixNano: END_NS };
const zeros = (n: number) => Array.from({ length: n }, () => 0);

/** What the decoders must produce for recordMetrics(), by metric name; `temporality` 1 delta, 2 cumulative. */
function expectedMetrics(temporality: number): Record<string, DecodedMetric> {
  return {
    "codon.tokens": {
      name: "codon.tokens",
      description: "Tokens used",
      unit: "{token}",
      data: {
        kind: "sum",
        temporality,
        monotonic: true,
        points: [
          { attributes: { model: "a" }, ...times, value: 12, flags: 0 },
          { attributes: { model: "b" }, ...times, value: 3, flags: 0 },
        ],
      },
    },
    "codon.queue.depth": {
      name: "codon.queue.depth",
      description: "",
      unit: "",
      data: { kind: "sum", temporality, monotonic: false, points: [{ attributes: {}, ...times, value: 1.5, flags: 0 }] },
    },
    "codon.temperature": {
      name: "codon.temperature",
      description: "",
      unit: "Cel",
      data: { kind: "gauge", points: [{ attributes: { zone: "eu" }, ...times, value: -3.25, flags: 0 }] },
    },
    "codon.offset": {
      name: "codon.offset",
      description: "",
      unit: "",
      data: { kind: "gauge", points: [{ attributes: {}, ...times, value: -(2 ** 40), flags: 0 }] },
    },
    "codon.latency": {
      name: "codon.latency",
      description: "",
      unit: "ms",
      data: {
        kind: "histogram",
        temporality,
        points: [
          {
            attributes: { node: "call_model" },
            ...times,
            count: 4,
            sum: 562,
            min: 5,
            max: 500,
            bucketCounts: [0, 2, 1, 1],
            explicitBounds: [0, 10, 100],
            flags: 0,
          },
        ],
      },
    },
    "codon.payload.size": {
      name: "codon.payload.size",
      description: "",
      unit: "By",
      data: {
        kind: "exponential_histogram",
        temporality,
        points: [
          {
            attributes: {},
            ...times,
            count: 4,
            sum: 7,
            min: 0,
            max: 4,
            // At scale 6 the base is 2^(1/64): 1 falls in bucket -1 (upper bounds are inclusive), 2 in 63, 4 in 127.
            scale: 6,
            zeroCount: 1,
            zeroThreshold: 0,
            positive: { offset: -1, bucketCounts: [1, ...zeros(63), 1, ...zeros(63), 1] },
            negative: { offset: 0, bucketCounts: [] },
            flags: 0,
          },
        ],
      },
    },
  };
}

/** The one resource and scope recordMetrics() produces, with its metrics by name. */
function metricsByName(request: DecodedMetricsRequest): Record<string, DecodedMetric> {
  expect(request.resourceMetrics).toHaveLength(1);
  const [resourceMetrics] = request.resourceMetrics;
  expect(resourceMetrics!.resource).toStrictEqual({ "service.name": "qa-agent" });
  expect(resourceMetrics!.scopeMetrics).toHaveLength(1);
  const [scopeMetrics] = resourceMetrics!.scopeMetrics;
  expect(scopeMetrics!.scope).toStrictEqual({ name: "codon_sdk", version: "1.2.3", attributes: {} });
  return Object.fromEntries(scopeMetrics!.metrics.map((m) => [m.name, m]));
}

describe("metrics from the real OTel JS SDK", () => {
  let recorded: Awaited<ReturnType<typeof recordMetrics>>;
  beforeAll(async () => {
    recorded = await recordMetrics();
  });

  it.each([
    ["cumulative", 2, () => recorded.cumulative],
    ["delta", 1, () => recorded.delta],
  ] as const)("protobuf: decodes every instrument kind, %s", (_, temporality, metrics) => {
    expect(metricsByName(decodeMetricsRequestProtobuf(metricsProtobuf(metrics())))).toStrictEqual(expectedMetrics(temporality));
  });

  it.each([
    ["cumulative", () => recorded.cumulative],
    ["delta", () => recorded.delta],
  ] as const)("OTLP/JSON decodes to exactly the protobuf model, %s", (_, metrics) => {
    expect(decodeMetricsRequestJson(metricsJson(metrics()))).toStrictEqual(decodeMetricsRequestProtobuf(metricsProtobuf(metrics())));
  });

  it("skips unknown fields of every wire type at every level", () => {
    const bytes = metricsProtobuf(recorded.cumulative);
    expect(decodeMetricsRequestProtobuf(withUnknownFields(bytes, METRICS_REQUEST_SCHEMA))).toStrictEqual(decodeMetricsRequestProtobuf(bytes));
  });

  it("refuses every truncation of a real export with a DecodeError", () => {
    const bytes = metricsProtobuf(recorded.cumulative);
    for (let end = 1; end < bytes.length; end++) decodeError(() => decodeMetricsRequestProtobuf(bytes.subarray(0, end)));
  });

  it("decodes in slices for the receivers, either encoding", async () => {
    const proto = await decodeMetrics("protobuf", metricsProtobuf(recorded.delta), DEFAULT_DECODE_LIMITS);
    const json = await decodeMetrics("json", new TextEncoder().encode(metricsJson(recorded.delta)), DEFAULT_DECODE_LIMITS);
    expect(metricsByName(proto.request)).toStrictEqual(expectedMetrics(1));
    expect(json.request).toStrictEqual(proto.request);
    expect(json.stats).toStrictEqual({ droppedAttributes: 0, droppedEvents: 0, droppedLinks: 0, truncatedValues: 0 });
  });
});

// ---- Hand-made protobuf: field numbers from opentelemetry/proto/metrics/v1/metrics.proto ----

// Which length-delimited fields hold sub-messages (for withUnknownFields); packed arrays are not among them.
const keyValue: Nested = { 2: {} };
const numberPoint: Nested = { 7: keyValue };
const buckets: Nested = {};
const level = (point: Nested): Nested => ({ 1: point });
const metricSchema: Nested = {
  5: level(numberPoint),
  7: level(numberPoint),
  9: level({ 9: keyValue }),
  10: level({ 1: keyValue, 8: buckets, 9: buckets }),
  11: level({ 7: keyValue }),
};
const METRICS_REQUEST_SCHEMA: Nested = { 1: { 1: { 1: keyValue }, 2: { 1: { 3: keyValue }, 2: metricSchema } } };

const metricsRequest = (...metricFields: Uint8Array[]) => pb.len(1, pb.len(2, pb.len(2, ...metricFields)));
const le64 = (value: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt.asUintN(64, value), true);
  return b;
};
const f64 = (value: number) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, value, true);
  return b;
};
const sint32 = (field: number, n: number) => pb.uint(field, ((n << 1) ^ (n >> 31)) >>> 0);
const sfixed64 = (field: number, n: bigint) => pb.fixed64(field, BigInt.asUintN(64, n));
const packedFixed64 = (field: number, values: bigint[]) => pb.len(field, pb.cat(...values.map(le64)));
/** `count` packed fixed64 ones, built without an argument per entry (a million would overflow the stack). */
const packedOnes = (field: number, count: number) => {
  const run = new Uint8Array(count * 8);
  for (let i = 0; i < run.length; i += 8) run[i] = 1;
  return pb.len(field, run);
};
const packedDouble = (field: number, values: number[]) => pb.len(field, ...values.map(f64));
const packedVarint = (field: number, values: bigint[]) => pb.len(field, ...values.map((v) => pb.varint(v)));
const attribute = (field: number, key: string, value: string) => pb.len(field, pb.str(1, key), pb.len(2, pb.str(1, value)));

/** The only metric of a decoded request. */
function onlyMetric(request: DecodedMetricsRequest): DecodedMetric {
  const metric = request.resourceMetrics[0]?.scopeMetrics[0]?.metrics[0];
  if (!metric) throw new Error("no metric decoded");
  return metric;
}
const decodeOne = (...metricFields: Uint8Array[]) => onlyMetric(decodeMetricsRequestProtobuf(metricsRequest(...metricFields)));
const histogramPoint = (...fields: Uint8Array[]) => pb.len(9, pb.len(1, ...fields));
const exponentialPoint = (...fields: Uint8Array[]) => pb.len(10, pb.len(1, ...fields));

describe("decodeMetricsRequestProtobuf (hand-made payloads)", () => {
  it("accepts repeated scalars unpacked, packed, and both mixed, as proto3 parsers must", () => {
    const packed = histogramPoint(packedFixed64(6, [1n, 2n, 3n]), packedDouble(7, [0.5, 1.5]));
    const unpacked = histogramPoint(pb.fixed64(6, 1n), pb.double(7, 0.5), pb.fixed64(6, 2n), pb.double(7, 1.5), pb.fixed64(6, 3n));
    const mixed = histogramPoint(packedFixed64(6, [1n]), pb.len(6), pb.fixed64(6, 2n), packedFixed64(6, [3n]), pb.double(7, 0.5), packedDouble(7, [1.5]), pb.len(7));
    const expected = decodeOne(packed);
    expect(expected.data).toMatchObject({ kind: "histogram", points: [{ bucketCounts: [1, 2, 3], explicitBounds: [0.5, 1.5] }] });
    expect(decodeOne(unpacked)).toStrictEqual(expected);
    expect(decodeOne(mixed)).toStrictEqual(expected);

    const packedBuckets = exponentialPoint(pb.len(8, packedVarint(2, [4n, 300n, 0n])));
    const unpackedBuckets = exponentialPoint(pb.len(8, pb.uint(2, 4n), pb.uint(2, 300n), pb.uint(2, 0n)));
    expect(decodeOne(unpackedBuckets)).toStrictEqual(decodeOne(packedBuckets));
    expect(decodeOne(packedBuckets).data).toMatchObject({ points: [{ positive: { offset: 0, bucketCounts: [4, 300, 0] } }] });
  });

  it("reads zigzag sint32, sfixed64, fixed64 and uint64 counts past 2^53 as numbers", () => {
    const exp = decodeOne(
      exponentialPoint(
        sint32(6, -3),
        pb.fixed64(4, 2n ** 60n + 1n),
        pb.fixed64(7, 9n),
        pb.len(8, sint32(1, 5), packedVarint(2, [1n, 2n ** 63n + 5n])),
        pb.len(9, sint32(1, -2147483648), packedVarint(2, [7n])),
        pb.double(14, 1e-9),
        pb.double(12, -4),
        pb.double(13, 8),
        pb.double(5, 3.5),
        pb.uint(10, 1),
      ),
    );
    expect(exp.data).toStrictEqual({
      kind: "exponential_histogram",
      temporality: 0,
      points: [
        {
          attributes: {},
          startTimeUnixNano: 0n,
          timeUnixNano: 0n,
          count: Number(2n ** 60n + 1n),
          sum: 3.5,
          min: -4,
          max: 8,
          scale: -3,
          zeroCount: 9,
          zeroThreshold: 1e-9,
          positive: { offset: 5, bucketCounts: [1, Number(2n ** 63n + 5n)] },
          negative: { offset: -2147483648, bucketCounts: [7] },
          flags: 1,
        },
      ],
    });
    const ints = [-(2n ** 63n), -(2n ** 40n), -1n, 2n ** 53n + 1n].map((n) => decodeOne(pb.len(5, pb.len(1, sfixed64(6, n)))));
    expect(ints.map((m) => (m.data.kind === "gauge" ? m.data.points[0]!.value : undefined))).toStrictEqual([
      -(2 ** 63), -(2 ** 40), -1, Number(2n ** 53n + 1n),
    ]);
  });

  it("decodes summaries (quantiles skipped), keeps NaN and Infinity, and lets the last data field and value win", () => {
    const summary = decodeOne(
      pb.str(1, "codon.rpc.duration"),
      pb.len(11, pb.len(1, attribute(7, "rpc", "call"), pb.fixed64(2, START_NS), pb.fixed64(3, END_NS), pb.fixed64(4, 10n), pb.double(5, 12.5), pb.len(6, pb.double(1, 0.5), pb.double(2, 1)), pb.uint(8, 1))),
    );
    expect(summary).toStrictEqual({
      name: "codon.rpc.duration",
      description: "",
      unit: "",
      data: { kind: "summary", points: [{ attributes: { rpc: "call" }, ...times, count: 10, sum: 12.5, flags: 1 }] },
    });
    const special = decodeOne(pb.len(5, pb.len(1, pb.double(4, NaN)), pb.len(1, pb.double(4, -Infinity)), pb.len(1, sfixed64(6, 1n), pb.double(4, 2))));
    expect(special.data).toMatchObject({ kind: "gauge", points: [{ value: NaN }, { value: -Infinity }, { value: 2 }] });
    const lastWins = decodeOne(pb.len(5, pb.len(1, pb.double(4, 1))), pb.len(7, pb.uint(2, 1), pb.uint(3, 1), pb.len(1)));
    expect(lastWins.data).toStrictEqual({ kind: "sum", temporality: 1, monotonic: true, points: [{ attributes: {}, startTimeUnixNano: 0n, timeUnixNano: 0n, value: null, flags: 0 }] });
    expect(decodeOne(pb.str(1, "no.data"), pb.len(12, attribute(1, "k", "v"))).data).toStrictEqual({ kind: "none" });
  });

  it("rejects a known field with the wrong wire type, naming it", () => {
    const cases: [Uint8Array, RegExp][] = [
      [pb.len(7, pb.str(2, "DELTA")), /field 2 of Sum has wire type 2, expected 0/],
      [pb.len(5, pb.len(1, pb.uint(3, 5))), /field 3 of NumberDataPoint has wire type 0, expected 1/],
      [histogramPoint(pb.uint(6, 5)), /field 6 of HistogramDataPoint has wire type 0, expected 1 or 2 \(packed\)/],
      [exponentialPoint(pb.len(8, pb.fixed64(1, 1n))), /field 1 of ExponentialHistogramDataPoint.Buckets has wire type 1, expected 0/],
      [exponentialPoint(pb.len(8, pb.fixed64(2, 1n))), /field 2 of ExponentialHistogramDataPoint.Buckets has wire type 1, expected 0 or 2/],
      [pb.uint(1, 7), /field 1 of Metric has wire type 0, expected 2/],
    ];
    for (const [metric, message] of cases) expect(decodeError(() => decodeMetricsRequestProtobuf(metricsRequest(metric))).message).toMatch(message);
  });

  it("rejects packed runs that do not hold whole entries, and truncated ones", () => {
    const partial = histogramPoint(pb.len(6, le64(1n), Uint8Array.of(1, 2, 3, 4)), pb.double(5, 1));
    expect(decodeError(() => decodeMetricsRequestProtobuf(metricsRequest(partial))).message).toMatch(/packed repeated field overruns its length/);
    const atTheEnd = histogramPoint(pb.len(6, le64(1n), Uint8Array.of(1, 2, 3, 4)));
    expect(decodeError(() => decodeMetricsRequestProtobuf(metricsRequest(atTheEnd))).message).toMatch(/truncated 8-byte fixed value/);
    const unfinishedVarint = exponentialPoint(pb.len(8, pb.len(2, Uint8Array.of(0x80))));
    decodeError(() => decodeMetricsRequestProtobuf(metricsRequest(unfinishedVarint)));
    decodeError(() => decodeMetricsRequestProtobuf(Uint8Array.of(0x0a, 0x04, 0x12, 0x02, 0x12, 0x05)));
  });
});

// ---- OTLP/JSON specifics ----

function metricJson(metric: Record<string, unknown>): string {
  return JSON.stringify({ resourceMetrics: [{ scopeMetrics: [{ metrics: [metric] }] }] });
}
const decodeOneJson = (metric: Record<string, unknown>) => onlyMetric(decodeMetricsRequestJson(metricJson(metric)));

describe("decodeMetricsRequestJson", () => {
  it("accepts enum names and numbers, int64 as strings or numbers, non-finite doubles as strings, snake_case", () => {
    const sum = decodeOneJson({
      name: "s",
      sum: {
        aggregation_temporality: "AGGREGATION_TEMPORALITY_DELTA",
        is_monotonic: true,
        data_points: [
          { asInt: "-9007199254740993", start_time_unix_nano: START_NS.toString(), timeUnixNano: END_NS.toString(), flags: 1 },
          { as_int: 42 },
          { asDouble: "NaN" },
          { asDouble: "-Infinity" },
          { asDouble: "Infinity" },
          { asDouble: 0.25 },
          {},
        ],
      },
    });
    expect(sum.data).toStrictEqual({
      kind: "sum",
      temporality: 1,
      monotonic: true,
      points: [
        { attributes: {}, ...times, value: Number(-9007199254740993n), flags: 1 },
        ...[42, NaN, -Infinity, Infinity, 0.25, null].map((value) => ({ attributes: {}, startTimeUnixNano: 0n, timeUnixNano: 0n, value, flags: 0 })),
      ],
    });
    const exp = decodeOneJson({
      name: "e",
      exponential_histogram: {
        aggregationTemporality: 2,
        dataPoints: [{ count: "5", zero_count: 1, scale: -2, zero_threshold: "1e-9", positive: { offset: -3, bucket_counts: ["1", 3] }, negative: {}, sum: "NaN" }],
      },
    });
    expect(exp.data).toMatchObject({
      kind: "exponential_histogram",
      temporality: 2,
      points: [{ count: 5, zeroCount: 1, scale: -2, zeroThreshold: 1e-9, positive: { offset: -3, bucketCounts: [1, 3] }, negative: { offset: 0, bucketCounts: [] }, sum: NaN, min: null }],
    });
    const histogram = decodeOneJson({ histogram: { aggregationTemporality: "AGGREGATION_TEMPORALITY_CUMULATIVE", dataPoints: [{ bucket_counts: ["18446744073709551615", 2], explicit_bounds: [1, "Infinity"], count: 3 }] } });
    expect(histogram.data).toMatchObject({ temporality: 2, points: [{ bucketCounts: [2 ** 64, 2], explicitBounds: [1, Infinity], count: 3, sum: null }] });
  });

  it("decodes a summary as the protobuf decoder does, and lets the last data field win", () => {
    const json = decodeOneJson({
      name: "codon.rpc.duration",
      summary: { dataPoints: [{ attributes: [{ key: "rpc", value: { stringValue: "call" } }], startTimeUnixNano: String(START_NS), timeUnixNano: String(END_NS), count: "10", sum: 12.5, quantileValues: [{ quantile: 0.5, value: 1 }], flags: 1 }] },
    });
    const proto = decodeOne(
      pb.str(1, "codon.rpc.duration"),
      pb.len(11, pb.len(1, attribute(7, "rpc", "call"), pb.fixed64(2, START_NS), pb.fixed64(3, END_NS), pb.fixed64(4, 10n), pb.double(5, 12.5), pb.uint(8, 1))),
    );
    expect(json).toStrictEqual(proto);
    expect(decodeOneJson({ gauge: { dataPoints: [{}] }, sum: { dataPoints: [] } }).data).toStrictEqual({ kind: "sum", temporality: 0, monotonic: false, points: [] });
    expect(decodeOneJson({ name: "n", gauge: null, metadata: [{ key: "k" }] }).data).toStrictEqual({ kind: "none" });
  });

  it("rejects values of the wrong type, naming the path", () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ sum: { aggregationTemporality: "DELTA" } }, /metrics\[0\]\.sum\.aggregationTemporality: unknown enum value "DELTA"/],
      [{ sum: { isMonotonic: "yes" } }, /sum\.isMonotonic: expected a boolean/],
      [{ gauge: { dataPoints: [{ asInt: "1.5" }] } }, /gauge\.dataPoints\[0\]\.asInt: expected a 64-bit integer/],
      [{ gauge: { dataPoints: [{ asInt: "9223372036854775808" }] } }, /asInt: expected a 64-bit integer/],
      [{ gauge: { dataPoints: [{ asDouble: "fast" }] } }, /asDouble: expected a number, got "fast"/],
      [{ histogram: { dataPoints: [{ bucketCounts: [1, -1] }] } }, /histogram\.dataPoints\[0\]\.bucketCounts\[1\]: expected an unsigned 64-bit integer/],
      [{ histogram: { dataPoints: [{ explicitBounds: [null] }] } }, /explicitBounds\[0\]: expected a number, got null/],
      [{ exponentialHistogram: { dataPoints: [{ scale: 2 ** 31 }] } }, /exponentialHistogram\.dataPoints\[0\]\.scale: expected an integer/],
      [{ summary: [] }, /metrics\[0\]\.summary: expected an object/],
    ];
    for (const [metric, message] of cases) expect(decodeError(() => decodeMetricsRequestJson(metricJson(metric))).message).toMatch(message);
  });
});

// ---- Limits: points count like spans, number arrays against the value budget ----

const limits: DecodeLimits = { ...DEFAULT_DECODE_LIMITS, maxSpansPerExport: 4, maxValuesPerExport: 100 };

describe.each([
  [
    "protobuf",
    (points: number) => metricsRequest(pb.len(5, ...Array.from({ length: points }, () => pb.len(1)))),
    (counts: number) => metricsRequest(histogramPoint(packedOnes(6, counts))),
    (counts: number) => metricsRequest(exponentialPoint(pb.len(9, ...Array.from({ length: counts }, () => pb.uint(2, 1))))),
    (b: Uint8Array | string, budget: DecodeBudget) => decodeMetricsRequestProtobuf(b as Uint8Array, budget),
  ],
  [
    "JSON",
    (points: number) => metricJson({ gauge: { dataPoints: Array.from({ length: points }, () => ({})) } }),
    (counts: number) => metricJson({ histogram: { dataPoints: [{ bucketCounts: zeros(counts) }] } }),
    (counts: number) => metricJson({ exponentialHistogram: { dataPoints: [{ negative: { bucketCounts: zeros(counts) } }] } }),
    (b: Uint8Array | string, budget: DecodeBudget) => decodeMetricsRequestJson(b as string, budget),
  ],
] as const)("metrics decode limits (%s)", (format, gauge, histogram, exponential, decode) => {
  const budget = (overrides: Partial<DecodeLimits> = {}) => new DecodeBudget({ ...limits, ...overrides }, format);

  it("counts each data point, and its metric, against the per-export item limit", () => {
    expect(onlyMetric(decode(gauge(3), budget())).data).toMatchObject({ kind: "gauge", points: [{}, {}, {}] });
    expect(() => decode(gauge(4), budget())).toThrow(ExportLimitError);
  });

  it("charges bucket counts per 8 entries against the value budget", () => {
    // Resource, scope, metric and point take 4 values; 96 more hold 768 entries.
    expect(() => decode(histogram(768), budget())).not.toThrow();
    expect(() => decode(histogram(769), budget())).toThrow(ExportLimitError);
    expect(() => decode(exponential(769), budget())).toThrow(ExportLimitError);
    expect(() => decode(histogram(100_000), budget({ maxSpansPerExport: 1000 }))).toThrow(/more than 100 values/);
  });

  it("refuses a data point with more bucket entries than any SDK sends, whatever the value budget", () => {
    const roomy = budget({ maxValuesPerExport: 1_000_000 });
    expect(() => decode(histogram(MAX_ARRAY_ENTRIES), roomy)).not.toThrow();
    expect(() => decode(histogram(MAX_ARRAY_ENTRIES + 1), budget({ maxValuesPerExport: 1_000_000 }))).toThrow(/more than 8192 bucket counts or bounds/);
    expect(() => decode(exponential(MAX_ARRAY_ENTRIES + 1), budget({ maxValuesPerExport: 1_000_000 }))).toThrow(ExportLimitError);
  });
});
