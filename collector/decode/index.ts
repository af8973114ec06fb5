/** OTLP request decoders (traces, logs, metrics): protobuf (gRPC and HTTP) and OTLP/JSON (HTTP), all into one model. */
export * from "@/collector/decode/model";
export { decodeTraceRequestProtobuf, decodeLogsRequestProtobuf } from "@/collector/decode/protobuf";
export { decodeTraceRequestJson, decodeLogsRequestJson } from "@/collector/decode/json";
export { decodeMetricsRequestProtobuf } from "@/collector/decode/protobuf-metrics";
export { decodeMetricsRequestJson } from "@/collector/decode/json-metrics";
export { DecodeBudget, DEFAULT_DECODE_LIMITS, ExportLimitError, TRUNCATED_MARKER, type DecodeLimits, type DecodeStats } from "@/collector/decode/limits";
export { decodeLogs, decodeMetrics, decodeTraces, type Decoded, type Encoding } from "@/collector/decode/request";
