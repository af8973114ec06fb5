import { OTLPMetricExporter as GrpcMetricExporter } from "@opentelemetry/exporter-metrics-otlp-grpc";
import { OTLPMetricExporter as JsonMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPMetricExporter as ProtoMetricExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AggregationTemporality, AggregationType, MeterProvider, MetricReader, type PushMetricExporter, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { listMetrics, listMetricServices } from "@/lib/metrics/queries/metric-list";
import { readMetricSeries } from "@/lib/metrics/queries/metric-series";
import type { MetricSeriesQuery } from "@/lib/metrics/params";
import type { MetricPoint } from "@/lib/metrics/types";
import { collectorSuite } from "@/collector/testing/collector-suite";

// Issue 21: an OTel JS app's metrics, sent by the SDK's own OTLP exporters over gRPC, HTTP
// protobuf and HTTP JSON: counters, up-down counters, gauges, explicit and exponential
// histograms, cumulative and delta, are stored and chart with the values the app recorded.

/** A reader the test collects from by hand, so it decides when points are taken. */
class ManualReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

function exportWith(exporter: PushMetricExporter, metrics: ResourceMetrics): Promise<void> {
  return new Promise((resolve, reject) =>
    exporter.export(metrics, (result) => (result.code === 0 ? resolve() : reject(result.error ?? new Error(`export failed with code ${result.code}`)))),
  );
}

const NS = 1_000_000n;
const sumOf = (points: MetricPoint[], field: "value" | "count") => points.reduce((total, point) => total + (point[field] ?? 0), 0);
const filled = (points: MetricPoint[]) => points.filter((point) => point.value !== null || point.count !== null);

describe.each(testBackends())("metrics through the collector on $name", (backend) => {
  const suite = collectorSuite(backend);
  const grpcUrl = () => `http://127.0.0.1:${suite.collector.grpcPort}`;
  const httpUrl = () => `http://127.0.0.1:${suite.collector.httpPort}/v1/metrics`;
  const window = (overrides: Partial<MetricSeriesQuery>): MetricSeriesQuery => {
    const now = BigInt(Date.now()) * NS;
    return { name: "", service: "billing-agent", fromNs: now - 600_000n * NS, toNs: now + 60_000n * NS, stepNs: 60_000n * NS, groupBy: undefined, limit: 10, offset: 0, ...overrides };
  };

  it("stores cumulative counters, up-down counters, gauges and histograms from every transport, once", async () => {
    const reader = new ManualReader();
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ "service.name": "billing-agent" }),
      readers: [reader],
      views: [{ instrumentName: "payload.size", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }],
    });
    const meter = provider.getMeter("billing_agent.worker", "1.0.0");
    const requests = meter.createCounter("requests.count", { description: "Requests handled" });
    const inflight = meter.createUpDownCounter("requests.inflight");
    const latency = meter.createHistogram("latency", { unit: "ms" });
    const payload = meter.createHistogram("payload.size", { unit: "By" });
    meter.createObservableGauge("queue.depth").addCallback((result) => result.observe(12, { queue: "default" }));

    requests.add(3, { route: "/chat" });
    requests.add(2, { route: "/tools" });
    inflight.add(5);
    inflight.add(-2);
    for (let value = 1; value <= 100; value++) latency.record(value);
    for (let value = 1; value <= 1000; value++) payload.record(value);
    const first = (await reader.collect()).resourceMetrics;
    requests.add(4, { route: "/chat" });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = (await reader.collect()).resourceMetrics;

    // The first collection over all three transports: the second and third add nothing.
    const exporters = [new GrpcMetricExporter({ url: grpcUrl() }), new ProtoMetricExporter({ url: httpUrl() }), new JsonMetricExporter({ url: httpUrl() })];
    await exportWith(exporters[0]!, first);
    const db = suite.db();
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from metric_points`.execute(db)).rows[0]!.n);
    const afterFirst = await count();
    // 2 counter series, 1 up-down counter, 2 histograms, 1 gauge.
    expect(afterFirst).toBe(6);
    await exportWith(exporters[1]!, first);
    await exportWith(exporters[2]!, first);
    expect(await count()).toBe(afterFirst);
    await exportWith(exporters[2]!, second);
    expect(await count()).toBe(afterFirst * 2);
    for (const exporter of exporters) await exporter.shutdown();

    expect((await listMetricServices(db, "default")).services).toEqual([{ name: "billing-agent", metrics: 5 }]);
    const listed = await listMetrics(db, "default", { service: "billing-agent", limit: 100, cursor: null });
    expect(listed.metrics.map((m) => [m.name, m.kind, m.measure, m.temporality, m.unit, m.seriesCount])).toEqual([
      ["latency", "histogram", "distribution", "cumulative", "ms", 1],
      ["payload.size", "exponential_histogram", "distribution", "cumulative", "By", 1],
      ["queue.depth", "gauge", "value", null, null, 1],
      ["requests.count", "sum", "rate", "cumulative", null, 2],
      ["requests.inflight", "sum", "value", "cumulative", null, 1],
    ]);
    expect(listed.metrics.find((m) => m.name === "requests.count")).toMatchObject({ monotonic: true, description: "Requests handled", attributeKeys: ["route"] });

    // The counter's rate, per route: what it counted since the provider started, over that time.
    const { rows: chat } = await sql<{ value: number; time_unix_nano: string; start_time_unix_nano: string }>`
      select p.value, p.time_unix_nano, p.start_time_unix_nano from metric_points p join metric_series s using (tenant_id, series_key)
      where s.metric_name = 'requests.count' and s.attributes->>'route' = '/chat' order by p.time_unix_nano`.execute(db);
    expect(chat.map((row) => row.value)).toEqual([3, 7]);
    const rates = await readMetricSeries(db, "default", window({ name: "requests.count", groupBy: "route", stepNs: 600_000n * NS }));
    expect(rates?.groups.map((g) => g.label)).toEqual(["route=/chat", "route=/tools"]);
    const chatRate = filled(rates!.groups[0]!.points);
    expect(chatRate).toHaveLength(1);
    const seconds = Number(BigInt(chat[1]!.time_unix_nano) - BigInt(chat[1]!.start_time_unix_nano)) / 1e9;
    expect(chatRate[0]!.value).toBeCloseTo(7 / seconds, 6);

    const inflightValue = filled((await readMetricSeries(db, "default", window({ name: "requests.inflight" })))!.groups[0]!.points);
    expect(inflightValue.map((p) => p.value)).toEqual([3]);
    const gauge = await readMetricSeries(db, "default", window({ name: "queue.depth", groupBy: "queue" }));
    expect(gauge?.groups.map((g) => [g.label, filled(g.points).map((p) => p.value)])).toEqual([["queue=default", [12]]]);

    // The histogram: 1..100 recorded; explicit buckets (…, 25, 50, 75, 100, …) put the quantiles where they were.
    const histogram = filled((await readMetricSeries(db, "default", window({ name: "latency", stepNs: 600_000n * NS })))!.groups[0]!.points);
    expect(histogram).toHaveLength(1);
    expect(histogram[0]).toMatchObject({ count: 100, mean: 50.5, p50: 50, min: 1, max: 100 });
    expect(histogram[0]!.p95).toBeCloseTo(95, 6);
    expect(histogram[0]!.p99).toBeCloseTo(99, 6);

    // The exponential histogram: 1..1000; its buckets are a few percent wide.
    const exponential = filled((await readMetricSeries(db, "default", window({ name: "payload.size", stepNs: 600_000n * NS })))!.groups[0]!.points);
    expect(exponential[0]).toMatchObject({ count: 1000, mean: 500.5 });
    expect(Math.abs(exponential[0]!.p50! - 500) / 500).toBeLessThan(0.05);
    expect(Math.abs(exponential[0]!.p99! - 990) / 990).toBeLessThan(0.05);
    await provider.shutdown();
  });

  it("charts delta counters and delta histograms per step", async () => {
    const reader = new ManualReader({ aggregationTemporalitySelector: () => AggregationTemporality.DELTA });
    const provider = new MeterProvider({ resource: resourceFromAttributes({ "service.name": "billing-agent" }), readers: [reader] });
    const meter = provider.getMeter("billing_agent.delta");
    const tokens = meter.createCounter("tokens.used");
    const wait = meter.createHistogram("queue.wait", { unit: "s", advice: { explicitBucketBoundaries: [1, 2, 4, 8] } });
    const exporter = new GrpcMetricExporter({ url: grpcUrl(), temporalityPreference: AggregationTemporality.DELTA });
    tokens.add(100, { model: "gpt-4o" });
    wait.record(0.5);
    wait.record(3);
    await exportWith(exporter, (await reader.collect()).resourceMetrics);
    tokens.add(50, { model: "gpt-4o" });
    wait.record(6);
    await exportWith(exporter, (await reader.collect()).resourceMetrics);
    await exporter.shutdown();

    const db = suite.db();
    const step = 3_600n;
    // Whole steps only (the window a multiple of the step), so each step's rate is per its full length.
    const now = BigInt(Date.now()) * NS;
    const whole = { fromNs: now - step * 1_000_000_000n, toNs: now + step * 1_000_000_000n };
    const perStep = await readMetricSeries(db, "default", window({ name: "tokens.used", stepNs: step * 1_000_000_000n, ...whole }));
    expect(perStep?.metric).toMatchObject({ temporality: "delta", measure: "rate" });
    // Both exports fall in one step (or two adjacent ones): per second over the step, 150 in all.
    expect(sumOf(perStep!.groups[0]!.points, "value") * Number(step)).toBeCloseTo(150, 6);
    const waits = filled((await readMetricSeries(db, "default", window({ name: "queue.wait", stepNs: step * 1_000_000_000n })))!.groups[0]!.points);
    expect(sumOf(waits, "count")).toBe(3);
    // Over the steps the two exports fell in (one, or two adjacent): what was recorded, 0.5, 3 and 6.
    expect(Math.min(...waits.map((p) => p.min!))).toBe(0.5);
    expect(Math.max(...waits.map((p) => p.max!))).toBe(6);
    expect(waits.reduce((total, p) => total + p.mean! * p.count!, 0)).toBeCloseTo(9.5, 9);
    await provider.shutdown();
  });
});
