import { describe, expect, it } from "vitest";
import type { DecodedMetric, DecodedMetricsRequest, DecodedNumberPoint } from "@/collector/decode/model";
import { runToEnd } from "@/collector/decode/slices";
import { MAX_BUCKETS_PER_POINT, normalizeMetricsSteps } from "@/collector/normalize/metrics";

const scope = { name: "worker", version: "1.0", attributes: {} };
const request = (metrics: DecodedMetric[], resource = { "service.name": "billing" }): DecodedMetricsRequest => ({ resourceMetrics: [{ resource, scopeMetrics: [{ scope, metrics }] }] });
const normalize = (req: DecodedMetricsRequest) => runToEnd(normalizeMetricsSteps(req, "t1"));
const numberPoint = (time: bigint, value: number | null, attributes = {}): DecodedNumberPoint => ({ attributes, startTimeUnixNano: 1n, timeUnixNano: time, value, flags: 0 });
const counter = (points: DecodedNumberPoint[], name = "requests"): DecodedMetric => ({ name, description: "", unit: "1", data: { kind: "sum", temporality: 2, monotonic: true, points } });
const histogram = (bucketCounts: number[], explicitBounds: number[], overrides = {}): DecodedMetric => ({
  name: "latency",
  description: "",
  unit: "ms",
  data: { kind: "histogram", temporality: 1, points: [{ attributes: {}, startTimeUnixNano: 1n, timeUnixNano: 5n, count: 3, sum: 6, min: 1, max: 3, bucketCounts, explicitBounds, flags: 0, ...overrides }] },
});

describe("metric export normalization", () => {
  it("makes one series per attribute set, whatever the attribute order, and a point row per data point", () => {
    const out = normalize(request([counter([numberPoint(10n, 1, { a: 1, b: "x" }), numberPoint(20n, 2, { b: "x", a: 1 }), numberPoint(10n, 5, { a: 2 })])]));
    expect(out.metricSeries).toHaveLength(2);
    expect(out.metricSeries[0]).toMatchObject({ tenant_id: "t1", service_name: "billing", metric_name: "requests", kind: "sum", unit: "1", temporality: 2, monotonic: true, scope_name: "worker", first_seen_unix_nano: "10" });
    expect(Object.keys(out.metricSeries[0]!.attributes as object)).toEqual(["a", "b"]);
    expect(out.metricPoints.map((p) => [p.series_key === out.metricSeries[0]!.series_key, p.time_unix_nano, p.value])).toEqual([
      [true, "10", 1],
      [true, "20", 2],
      [false, "10", 5],
    ]);
    expect(out.rejected.count).toBe(0);
  });

  it("tells series apart by resource, unit and kind, and keeps one point per series and time", () => {
    const a = normalize(request([counter([numberPoint(10n, 1)])]));
    const otherService = normalize(request([counter([numberPoint(10n, 1)])], { "service.name": "search" }));
    const gauge = normalize(request([{ name: "requests", description: "", unit: "1", data: { kind: "gauge", points: [numberPoint(10n, 1)] } }]));
    const keys = new Set([a, otherService, gauge].map((out) => out.metricSeries[0]!.series_key));
    expect(keys.size).toBe(3);
    expect(normalize(request([counter([numberPoint(10n, 1), numberPoint(10n, 1)])])).metricPoints).toHaveLength(1);
  });

  it("rejects points without a time or a name and histograms whose buckets do not add up, keeping the rest", () => {
    const out = normalize(
      request([
        counter([numberPoint(0n, 1), numberPoint(10n, 1)]),
        counter([numberPoint(10n, 1)], ""),
        histogram([1, 2], [1, 2]),
        histogram([1, 1, 1], [2, 1]),
        histogram([1, 1, 1], [1, 2]),
      ]),
    );
    expect(out.rejected.count).toBe(4);
    expect(out.rejected.messages.join("\n")).toMatch(/timeUnixNano must be set/);
    expect(out.rejected.messages.join("\n")).toMatch(/no name/);
    expect(out.rejected.messages.join("\n")).toMatch(/one entry more than explicitBounds/);
    expect(out.rejected.messages.join("\n")).toMatch(/finite and ascending/);
    expect(out.metricPoints).toHaveLength(2);
    expect(out.metricPoints[1]).toMatchObject({ count: 3, sum: 6, min: 1, max: 3, bounds: [1, 2], bucket_counts: [1, 1, 1] });
  });

  it("bounds buckets per point and stores exponential histograms as explicit bounds", () => {
    const many = Array.from({ length: MAX_BUCKETS_PER_POINT + 1 }, () => 0);
    expect(normalize(request([histogram(many, many.slice(1).map((_, i) => i))])).rejected.messages[0]).toMatch(/more than 4096 buckets/);
    const exponential: DecodedMetric = {
      name: "size",
      description: "",
      unit: "By",
      data: {
        kind: "exponential_histogram",
        temporality: 2,
        points: [{ attributes: {}, startTimeUnixNano: 1n, timeUnixNano: 5n, count: 3, sum: 9, min: 2, max: 5, scale: 0, zeroCount: 0, zeroThreshold: 0, positive: { offset: 1, bucketCounts: [1, 2] }, negative: { offset: 0, bucketCounts: [] }, flags: 0 }],
      },
    };
    expect(normalize(request([exponential])).metricPoints[0]).toMatchObject({ bounds: [0, 2, 4, 8], bucket_counts: [0, 0, 1, 2, 0] });
    const badScale = { ...exponential, data: { ...exponential.data, points: [{ ...(exponential.data as { points: object[] }).points[0], scale: 30 }] } } as DecodedMetric;
    expect(normalize(request([badScale])).rejected.messages[0]).toMatch(/scale must be between -10 and 20/);
  });

  it("rejects counts an int8 column cannot hold, and keys a resource the same in any order", () => {
    expect(normalize(request([histogram([1, 1, 2 ** 64], [1, 2])])).rejected.messages[0]).toMatch(/bucket counts must be non-negative/);
    expect(normalize(request([histogram([1, 1, 1], [1, 2], { count: 2 ** 64 })])).rejected.messages[0]).toMatch(/count must be/);
    const one = normalize(request([counter([numberPoint(10n, 1)])], { "service.name": "billing", "host.name": "h1", nested: { b: 1, a: 2 } } as never));
    const other = normalize(request([counter([numberPoint(10n, 1)])], { nested: { a: 2, b: 1 }, "host.name": "h1", "service.name": "billing" } as never));
    expect(one.metricSeries[0]!.series_key).toBe(other.metricSeries[0]!.series_key);
  });

  it("stores a value that is not a finite number as none", () => {
    expect(normalize(request([counter([numberPoint(10n, Number.NaN)])])).metricPoints[0]!.value).toBeNull();
  });
});
