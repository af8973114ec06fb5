import { ProtobufMetricsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { MeterProvider, MetricReader } from "@opentelemetry/sdk-metrics";

/** A reader collected from by hand: each collection is one export's points. */
class ManualReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

/**
 * Pre-encoded ExportMetricsServiceRequests of `pointsPerExport` data points each, made with the
 * real OpenTelemetry metrics SDK and serializer as an app's periodic export: half a counter's
 * series (one per route), half a latency histogram's (the SDK's default 16 bounds), cumulative.
 * Every export carries each series once at a new time, so each adds `pointsPerExport` rows.
 */
export async function makeMetricExports(exports: number, pointsPerExport: number): Promise<Buffer[]> {
  const reader = new ManualReader();
  const provider = new MeterProvider({ resource: resourceFromAttributes({ "service.name": "bench-agent", "codon.organization.id": "acme" }), readers: [reader] });
  const meter = provider.getMeter("bench_agent.worker", "0.3.0");
  const requests = meter.createCounter("requests.count");
  const latency = meter.createHistogram("request.duration", { unit: "ms" });
  const routes = Math.max(1, Math.floor(pointsPerExport / 2));
  const out: Buffer[] = [];
  let lastMs = 0;
  for (let e = 0; e < exports; e++) {
    for (let r = 0; r < routes; r++) {
      requests.add(1 + (r % 3), { route: `/route/${r}` });
      latency.record(5 + ((e * 37 + r * 11) % 900), { route: `/route/${r}` });
    }
    // Points carry the collection's millisecond: wait for a new one so every export's points are new rows.
    while (Date.now() === lastMs) await new Promise((resolve) => setTimeout(resolve, 1));
    lastMs = Date.now();
    const { resourceMetrics } = await reader.collect();
    const bytes = ProtobufMetricsSerializer.serializeRequest(resourceMetrics);
    if (!bytes) throw new Error("serializer produced nothing");
    out.push(Buffer.from(bytes));
  }
  await provider.shutdown();
  return out;
}
