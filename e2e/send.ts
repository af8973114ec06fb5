import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import type { ReadableLogRecord } from "@opentelemetry/sdk-logs";
import type { ReadableSpan } from "@opentelemetry/sdk-trace";
import { E2E_PORTS } from "@/e2e/ports";

interface Exporter<T> {
  export(items: T[], done: (result: { code: number; error?: Error }) => void): void;
  shutdown(): Promise<void>;
}

async function send<T>(exporter: Exporter<T>, items: T[]): Promise<void> {
  try {
    await new Promise<void>((resolve, reject) =>
      exporter.export(items, (result) => (result.code === 0 ? resolve() : reject(result.error ?? new Error("export failed")))),
    );
  } finally {
    await exporter.shutdown();
  }
}

/** Exports spans to the e2e server's collector through a real OTel exporter, gRPC or HTTP/protobuf. */
export function sendSpans(spans: ReadableSpan[], transport: "grpc" | "http" = "grpc"): Promise<void> {
  const exporter =
    transport === "grpc"
      ? new GrpcTraceExporter({ url: `http://127.0.0.1:${E2E_PORTS.grpc}` })
      : new ProtoTraceExporter({ url: `http://127.0.0.1:${E2E_PORTS.http}/v1/traces` });
  return send(exporter, spans);
}

export function sendLogs(records: ReadableLogRecord[], transport: "grpc" | "http" = "http"): Promise<void> {
  const exporter =
    transport === "grpc"
      ? new GrpcLogExporter({ url: `http://127.0.0.1:${E2E_PORTS.grpc}` })
      : new ProtoLogExporter({ url: `http://127.0.0.1:${E2E_PORTS.http}/v1/logs` });
  return send(exporter, records);
}
