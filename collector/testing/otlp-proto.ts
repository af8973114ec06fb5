import protobuf from "protobufjs";

// The trace part of opentelemetry-proto (common/v1, resource/v1, trace/v1 and the trace service
// request), enough to encode OTLP/JSON as the protobuf an SDK exporter sends. Written out here
// because no package in node_modules ships the .proto files; an encoder independent of the
// collector's hand-written decoder is the point.
const OTLP_TRACE_PROTO = `
syntax = "proto3";
package otlp;

message AnyValue {
  oneof value {
    string string_value = 1;
    bool bool_value = 2;
    int64 int_value = 3;
    double double_value = 4;
    ArrayValue array_value = 5;
    KeyValueList kvlist_value = 6;
    bytes bytes_value = 7;
  }
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
message KeyValue { string key = 1; AnyValue value = 2; }
message InstrumentationScope {
  string name = 1;
  string version = 2;
  repeated KeyValue attributes = 3;
  uint32 dropped_attributes_count = 4;
}
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }

message ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
message ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }
message ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }
message Span {
  bytes trace_id = 1;
  bytes span_id = 2;
  string trace_state = 3;
  bytes parent_span_id = 4;
  fixed32 flags = 16;
  string name = 5;
  int32 kind = 6;
  fixed64 start_time_unix_nano = 7;
  fixed64 end_time_unix_nano = 8;
  repeated KeyValue attributes = 9;
  uint32 dropped_attributes_count = 10;
  message Event {
    fixed64 time_unix_nano = 1;
    string name = 2;
    repeated KeyValue attributes = 3;
    uint32 dropped_attributes_count = 4;
  }
  repeated Event events = 11;
  uint32 dropped_events_count = 12;
  message Link {
    bytes trace_id = 1;
    bytes span_id = 2;
    string trace_state = 3;
    repeated KeyValue attributes = 4;
    uint32 dropped_attributes_count = 5;
    fixed32 flags = 6;
  }
  repeated Link links = 13;
  uint32 dropped_links_count = 14;
  Status status = 15;
}
message Status { string message = 2; int32 code = 3; }

message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
`;

const root = protobuf.parse(OTLP_TRACE_PROTO).root;
const requestType = root.lookupType("otlp.ExportTraceServiceRequest");
const responseType = root.lookupType("otlp.ExportTraceServiceResponse");

const ID_FIELDS = new Set(["traceId", "spanId", "parentSpanId"]);

/** OTLP/JSON ids are hex where the protobuf JSON mapping (and protobufjs) expects bytes. */
function hexIdsToBytes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hexIdsToBytes);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    out[key] = ID_FIELDS.has(key) && typeof member === "string" ? Buffer.from(member, "hex") : hexIdsToBytes(member);
  }
  return out;
}

/** An OTLP/JSON ExportTraceServiceRequest (already parsed) as its protobuf bytes. */
export function encodeTraceRequestFromJson(json: unknown): Uint8Array {
  const object = hexIdsToBytes(json) as Record<string, unknown>;
  const problem = requestType.verify(requestType.fromObject(object));
  if (problem) throw new Error(`not an OTLP trace request: ${problem}`);
  return requestType.encode(requestType.fromObject(object)).finish();
}

/** The spans an ExportTraceServiceResponse says were rejected, and why ("" when none). */
export function decodeTraceResponse(bytes: Uint8Array): { rejectedSpans: number; errorMessage: string } {
  const response = responseType.toObject(responseType.decode(bytes), { longs: Number, defaults: true }) as {
    partialSuccess?: { rejectedSpans?: number; errorMessage?: string };
  };
  return { rejectedSpans: response.partialSuccess?.rejectedSpans ?? 0, errorMessage: response.partialSuccess?.errorMessage ?? "" };
}
