// OpenTelemetry export for Codon workloads (spans, `codon.audit.*` and score log records). See sdk/README.md.
// A separate entry point, so the runtime in ./index.ts keeps working without OpenTelemetry installed.
export { startCodonTelemetry, INSTRUMENTATION_NAME, INSTRUMENTATION_VERSION } from "./src/otel/setup";
export type { CodonTelemetry, TelemetryOptions, TelemetryStats } from "./src/otel/setup";
export { CodonOtelObserver } from "./src/otel/observer";
export type { CodonOtelObserverOptions, RunSpanContexts } from "./src/otel/observer";
export type { RunScoreInput } from "./src/otel/score-target";
export {
  API_KEY_HEADER,
  DEFAULT_GRPC_ENDPOINT,
  DEFAULT_HTTP_ENDPOINT,
  DEFAULT_PROTOCOL,
  DEFAULT_SERVICE_NAME,
  OTLP_PROTOCOLS,
  resolveExport,
  TelemetryConfigError,
} from "./src/otel/config";
export type { ExportSettings, OtlpProtocol, ResolvedExport } from "./src/otel/config";
export type { SignalStats } from "./src/otel/export-stats";
export {
  activationEndAttributes,
  activationStartAttributes,
  auditAttributes,
  evaluationAttributes,
  graphAttributes,
  nodeSpecAttributes,
  runAttributes,
} from "./src/otel/attributes";
