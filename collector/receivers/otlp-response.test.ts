import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { encodeExportResponse, encodeStatus, encodeStatusWithRetryInfo, exportResponseJson, statusJson } from "@/collector/receivers/otlp-response";

// The messages as the OTLP and google.rpc protos define them, decoded by a schema-driven library.
const root = protobuf.parse(`
  syntax = "proto3";
  message ExportTracePartialSuccess { int64 rejected_spans = 1; string error_message = 2; }
  message ExportTraceServiceResponse { ExportTracePartialSuccess partial_success = 1; }
  message Status { int32 code = 1; string message = 2; }
  message Any { string type_url = 1; bytes value = 2; }
  message Duration { int64 seconds = 1; int32 nanos = 2; }
  message RetryInfo { Duration retry_delay = 1; }
  message DetailedStatus { int32 code = 1; string message = 2; repeated Any details = 3; }
`).root;
const Response = root.lookupType("ExportTraceServiceResponse");
const Status = root.lookupType("Status");

describe("OTLP responses", () => {
  it("encodes partial success so a protobuf decoder reads it back", () => {
    const bytes = encodeExportResponse({ rejected: 300, errorMessage: "span 1: spanId must be 16 hex characters ✓" });
    const decoded = Response.toObject(Response.decode(bytes), { longs: Number });
    expect(decoded).toEqual({ partialSuccess: { rejectedSpans: 300, errorMessage: "span 1: spanId must be 16 hex characters ✓" } });
  });

  it("sends an empty message when everything was stored", () => {
    expect(encodeExportResponse(null).length).toBe(0);
    expect(exportResponseJson("traces", { rejected: 0, errorMessage: "" })).toBe("{}");
  });

  it("names the rejected count per signal in JSON", () => {
    expect(JSON.parse(exportResponseJson("logs", { rejected: 2, errorMessage: "x" }))).toEqual({
      partialSuccess: { rejectedLogRecords: 2, errorMessage: "x" },
    });
  });

  it("encodes google.rpc.Status errors", () => {
    expect(Status.toObject(Status.decode(encodeStatus(3, "bad payload")))).toEqual({ code: 3, message: "bad payload" });
    expect(JSON.parse(statusJson(16, "who are you"))).toEqual({ code: 16, message: "who are you" });
  });

  it("encodes a retryable status with a RetryInfo detail saying how long to wait", () => {
    const DetailedStatus = root.lookupType("DetailedStatus");
    const RetryInfo = root.lookupType("RetryInfo");
    const decoded = DetailedStatus.toObject(DetailedStatus.decode(encodeStatusWithRetryInfo(14, "spool is full", 2)), { longs: Number }) as {
      code: number;
      message: string;
      details: { typeUrl: string; value: Uint8Array }[];
    };
    expect(decoded.code).toBe(14);
    expect(decoded.message).toBe("spool is full");
    expect(decoded.details).toHaveLength(1);
    expect(decoded.details[0]!.typeUrl).toBe("type.googleapis.com/google.rpc.RetryInfo");
    expect(RetryInfo.toObject(RetryInfo.decode(decoded.details[0]!.value), { longs: Number })).toEqual({ retryDelay: { seconds: 2 } });
  });
});
