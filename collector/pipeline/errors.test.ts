import { status as GrpcStatus } from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import type { Logger } from "@/lib/runtime/log";
import { DecodeError } from "@/collector/decode/model";
import {
  asExportError,
  InternalExportError,
  InvalidExportError,
  PayloadTooLargeError,
  QueueFullError,
  refusalMessage,
  StoreUnavailableError,
  UnauthenticatedError,
  UnsupportedMediaTypeError,
} from "@/collector/pipeline/errors";

describe("export errors", () => {
  it.each([
    ["InvalidExportError", new InvalidExportError("x"), 400, GrpcStatus.INVALID_ARGUMENT, null],
    ["UnauthenticatedError", new UnauthenticatedError("x"), 401, GrpcStatus.UNAUTHENTICATED, null],
    ["PayloadTooLargeError", new PayloadTooLargeError("x"), 413, GrpcStatus.RESOURCE_EXHAUSTED, null],
    ["UnsupportedMediaTypeError", new UnsupportedMediaTypeError("x"), 415, GrpcStatus.INVALID_ARGUMENT, null],
    ["QueueFullError", new QueueFullError("x"), 429, GrpcStatus.UNAVAILABLE, 2],
    ["StoreUnavailableError", new StoreUnavailableError("x"), 503, GrpcStatus.UNAVAILABLE, 5],
    ["InternalExportError", new InternalExportError("x"), 500, GrpcStatus.INTERNAL, null],
  ])("%s answers HTTP %s, gRPC %s, Retry-After %s", (name, error, httpStatus, grpcCode, retryAfterSeconds) => {
    expect(error).toMatchObject({ name, httpStatus, grpcCode, retryAfterSeconds, retryable: retryAfterSeconds !== null });
  });

  it("answers an undecodable payload as a permanent 400 / INVALID_ARGUMENT naming its format and the problem", () => {
    const protobuf = asExportError(new DecodeError("truncated varint at byte 3", "protobuf"));
    expect(protobuf).toBeInstanceOf(InvalidExportError);
    expect(protobuf).toMatchObject({ httpStatus: 400, grpcCode: GrpcStatus.INVALID_ARGUMENT, retryable: false });
    expect(protobuf.message).toBe("Cannot decode the protobuf export request: truncated varint at byte 3");
    expect(asExportError(new DecodeError("malformed JSON: oops", "JSON")).message).toBe("Cannot decode the JSON export request: malformed JSON: oops");
  });

  it("passes export errors through and answers anything else as internal", () => {
    const full = new QueueFullError("full");
    expect(asExportError(full)).toBe(full);
    expect(asExportError(new TypeError("boom"))).toMatchObject({ name: "InternalExportError", httpStatus: 500, message: "boom" });
    expect(asExportError("odd")).toMatchObject({ grpcCode: GrpcStatus.INTERNAL, message: "odd" });
  });

  it("tells the sender of a server error only a generic message and an error id; the log has the details under the same id", () => {
    const lines: { level: string; fields: Record<string, unknown> }[] = [];
    const record = (level: string) => (_message: string, fields: Record<string, unknown> = {}) => void lines.push({ level, fields });
    const log: Logger = { info: record("info"), warn: record("warn"), error: record("error") };
    const internal = asExportError(new Error('relation "spans" does not exist at character 13'));
    const message = refusalMessage(internal, log, { path: "/v1/traces" });
    expect(message).toMatch(/^Internal error \(error id [0-9a-f]{12}\)$/);
    expect(message).not.toContain("spans");
    const errorId = /error id ([0-9a-f]+)/.exec(message)![1];
    expect(lines.at(-1)).toMatchObject({ level: "error", fields: { errorId, error: 'relation "spans" does not exist at character 13', path: "/v1/traces" } });
    const unavailable = new StoreUnavailableError("The database is unavailable; retry later", { cause: new Error("password authentication failed for user x") });
    const answer = refusalMessage(unavailable, log, {});
    expect(answer).toMatch(/^The database is unavailable; retry later \(error id [0-9a-f]{12}\)$/);
    expect(lines.at(-1)!.fields.cause).toBe("password authentication failed for user x");
    expect(refusalMessage(new InvalidExportError("bad span"), log, {})).toBe("bad span");
  });
});
