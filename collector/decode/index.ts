/** OTLP request decoders: protobuf (gRPC and HTTP) and OTLP/JSON (HTTP), all into one model. */
export * from "@/collector/decode/model";
export { decodeTraceRequestProtobuf, decodeLogsRequestProtobuf } from "@/collector/decode/protobuf";
export { decodeTraceRequestJson, decodeLogsRequestJson } from "@/collector/decode/json";
