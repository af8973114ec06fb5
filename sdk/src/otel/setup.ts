import { Metadata } from "@grpc/grpc-js";
import { OTLPLogExporter as GrpcLogExporter } from "@opentelemetry/exporter-logs-otlp-grpc";
import { OTLPLogExporter as JsonLogExporter } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as ProtoLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from "@opentelemetry/sdk-logs";
import { BatchSpanProcessor, TracerProvider, type IdGenerator as SpanIdGenerator, type SpanExporter } from "@opentelemetry/sdk-trace";
import type { ExecutionReport } from "../report";
import { DEFAULT_ORG_NAMESPACE } from "../workload";
import { API_KEY_HEADER, resolveExport, type ExportSettings, type ResolvedExport } from "./config";
import { CountingExporter, type SignalStats } from "./export-stats";
import { CodonOtelObserver } from "./observer";
import type { RunScoreInput } from "./score-target";

export const INSTRUMENTATION_NAME = "codon-sdk-typescript";
export const INSTRUMENTATION_VERSION = "0.1.0";

export interface TelemetryOptions extends ExportSettings {
  /** `org.namespace` on the resource; defaults to `ORG_NAMESPACE`, then `unknown`. */
  orgNamespace?: string;
  /** `codon.organization.id` on the resource and spans; defaults to the namespace. */
  organizationId?: string;
  /** Send the static graph as an `agent.graph` span per run (default true). */
  graphSpan?: boolean;
  /** Milliseconds between batch exports (default 1000). */
  exportIntervalMs?: number;
  /** Trace and span ids; random by default. A seeded one makes a replay send the same ids (so a collector dedupes it). */
  spanIdGenerator?: SpanIdGenerator;
}

export interface CodonTelemetry {
  /** Pass to `new CodonWorkload({ observer })` or `execute(payload, { observer })`. */
  readonly observer: CodonOtelObserver;
  readonly config: ResolvedExport;
  /**
   * Scores a finished run (or one activation: `step`, or `node` if it ran once) as a
   * `gen_ai.evaluation.result` log record in the scored span's trace context. The run must have
   * been observed by `observer`; call before `shutdown()`. Throws a TypeError for an invalid score.
   */
  recordScore(report: ExecutionReport, score: RunScoreInput): void;
  /** Spans and log records accepted or given up on so far. */
  stats(): TelemetryStats;
  /** Sends everything buffered now. Export failures do not reject: they are counted in the stats it returns. */
  forceFlush(): Promise<TelemetryStats>;
  /** Flushes, then closes the exporters; call once before the process exits. Never rejects; check the stats. */
  shutdown(): Promise<TelemetryStats>;
}

export interface TelemetryStats {
  spans: SignalStats;
  logs: SignalStats;
}

/**
 * Exports runs the way the Codon Python SDK does: node spans over OTLP (gRPC by default), plus the
 * ledger as `codon.audit.*` log records on the same transport. Reads `OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_PROTOCOL` (grpc, http/protobuf, http/json), `CODON_API_KEY`, `OTEL_SERVICE_NAME`.
 */
export function startCodonTelemetry(options: TelemetryOptions = {}): CodonTelemetry {
  const config = resolveExport(options);
  const orgNamespace = options.orgNamespace || process.env.ORG_NAMESPACE || DEFAULT_ORG_NAMESPACE;
  const organizationId = options.organizationId ?? orgNamespace;
  const resource = resourceFromAttributes({
    "service.name": config.serviceName,
    "org.namespace": orgNamespace,
    "codon.organization.id": organizationId,
    "telemetry.sdk.language": "nodejs",
  });
  const spanExporter = new CountingExporter(traceExporter(config));
  const logExporter = new CountingExporter(logRecordExporter(config));
  const scheduledDelayMillis = options.exportIntervalMs ?? 1000;
  const tracerProvider = new TracerProvider({
    resource,
    ...(options.spanIdGenerator ? { idGenerator: options.spanIdGenerator } : {}),
    spanProcessors: [new BatchSpanProcessor({ exporter: spanExporter as SpanExporter, scheduledDelayMillis })],
  });
  const loggerProvider = new LoggerProvider({
    resource,
    processors: [new BatchLogRecordProcessor({ exporter: logExporter as LogRecordExporter, scheduledDelayMillis })],
  });
  const observer = new CodonOtelObserver({
    tracer: tracerProvider.getTracer(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION),
    logger: loggerProvider.getLogger(INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION),
    organizationId,
    graphSpan: options.graphSpan,
  });
  const stats = (): TelemetryStats => ({ spans: { ...spanExporter.stats }, logs: { ...logExporter.stats } });
  // The batch processors reject a flush whose export failed; the counting exporters already
  // recorded that failure, so the flush resolves with the stats instead of throwing at exit.
  const settle = (work: Promise<unknown>[]) => Promise.allSettled(work).then(stats);
  let closing: Promise<TelemetryStats> | null = null;
  return {
    observer,
    config,
    recordScore: (report, score) => observer.recordScore(report, score),
    stats,
    forceFlush: () => settle([tracerProvider.forceFlush(), loggerProvider.forceFlush()]),
    shutdown: () => (closing ??= settle([tracerProvider.shutdown(), loggerProvider.shutdown()])),
  };
}

function traceExporter(config: ResolvedExport): SpanExporter {
  switch (config.protocol) {
    case "grpc":
      return new GrpcTraceExporter({ url: config.tracesUrl, metadata: grpcMetadata(config) });
    case "http/protobuf":
      return new ProtoTraceExporter({ url: config.tracesUrl, headers: httpHeaders(config) });
    case "http/json":
      return new JsonTraceExporter({ url: config.tracesUrl, headers: httpHeaders(config) });
  }
}

function logRecordExporter(config: ResolvedExport): LogRecordExporter {
  switch (config.protocol) {
    case "grpc":
      return new GrpcLogExporter({ url: config.logsUrl, metadata: grpcMetadata(config) });
    case "http/protobuf":
      return new ProtoLogExporter({ url: config.logsUrl, headers: httpHeaders(config) });
    case "http/json":
      return new JsonLogExporter({ url: config.logsUrl, headers: httpHeaders(config) });
  }
}

function grpcMetadata(config: ResolvedExport): Metadata {
  const metadata = new Metadata();
  if (config.apiKey) metadata.set(API_KEY_HEADER, config.apiKey);
  return metadata;
}

function httpHeaders(config: ResolvedExport): Record<string, string> {
  return config.apiKey ? { [API_KEY_HEADER]: config.apiKey } : {};
}
