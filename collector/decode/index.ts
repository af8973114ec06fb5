/** OTLP request decoders: protobuf (gRPC and HTTP) and OTLP/JSON (HTTP), all into one model. */
export * from "./model";
export { decodeTraceRequestProtobuf, decodeLogsRequestProtobuf } from "./protobuf";
export { decodeTraceRequestJson, decodeLogsRequestJson } from "./json";
