import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPMetricExporter as GrpcMetricExporter } from "@opentelemetry/exporter-metrics-otlp-grpc";
import { OTLPMetricExporter as HttpMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import type { ReadableLogRecord } from "@opentelemetry/sdk-logs";
import type { ResourceMetrics } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { E2E_PORTS } from "@/e2e/ports";

/** What every OTel exporter offers: spans and logs export an array, metrics one collection at a time. */
interface Exporter<T> {
  export(batch: T, done: (result: { code: number; error?: Error }) => void): void;
  shutdown(): Promise<void>;
}

/** Exports each batch in turn (one request each), then waits until the server has stored them. */
async function send<T>(exporter: Exporter<T>, batches: T[]): Promise<void> {
  try {
    for (const batch of batches) {
      await new Promise<void>((resolve, reject) =>
        exporter.export(batch, (result) => (result.code === 0 ? resolve() : reject(result.error ?? new Error("export failed")))),
      );
    }
  } finally {
    await exporter.shutdown();
  }
  await untilStored();
}

/**
 * An acknowledged export is in the collector's spool, stored a moment later: specs that open a
 * page right after sending wait for the spool to be empty (as the server reports to this machine).
 */
export async function untilStored(webPort: number = E2E_PORTS.web, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await fetch(`http://127.0.0.1:${webPort}/api/health/ingest`);
    const backlog = response.ok ? ((await response.json()) as { records?: unknown }) : null;
    if (backlog?.records === 0) return;
    if (Date.now() > deadline) throw new Error(`the collector's spool did not drain within ${timeoutMs} ms (last answer ${response.status})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Exports spans to the e2e server's collector through a real OTel exporter, gRPC or HTTP/protobuf. */
export function sendSpans(spans: ReadableSpan[], transport: "grpc" | "http" = "grpc"): Promise<void> {
  const exporter =
    transport === "grpc"
      ? new GrpcTraceExporter({ url: `http://127.0.0.1:${E2E_PORTS.grpc}` })
      : new ProtoTraceExporter({ url: `http://127.0.0.1:${E2E_PORTS.http}/v1/traces` });
  return send(exporter, [spans]);
}

export function sendLogs(records: ReadableLogRecord[], transport: "grpc" | "http" = "http"): Promise<void> {
  const exporter =
    transport === "grpc"
      ? new GrpcLogExporter({ url: `http://127.0.0.1:${E2E_PORTS.grpc}` })
      : new ProtoLogExporter({ url: `http://127.0.0.1:${E2E_PORTS.http}/v1/logs` });
  return send(exporter, [records]);
}

/**
 * Exports recorded metrics (one ResourceMetrics per collection of a reader, oldest first) through a
 * real OTel exporter, gRPC or HTTP/JSON: one request per collection, as a periodic reader sends them.
 */
export function sendMetrics(collections: ResourceMetrics[], transport: "grpc" | "http" = "http"): Promise<void> {
  const exporter =
    transport === "grpc"
      ? new GrpcMetricExporter({ url: `http://127.0.0.1:${E2E_PORTS.grpc}` })
      : new HttpMetricExporter({ url: `http://127.0.0.1:${E2E_PORTS.http}/v1/metrics` });
  return send(exporter, collections);
}
