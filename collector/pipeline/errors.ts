import { status as GrpcStatus } from "@grpc/grpc-js";
import { DecodeError } from "@/collector/decode/model";
import { newErrorId } from "@/lib/runtime/error-id";
import type { Logger } from "@/lib/runtime/log";

/**
 * Why an export was not (wholly) stored, and how each transport must say it. Permanent errors
 * are not retried by exporters; retryable ones are (HTTP 429/503 + Retry-After, gRPC
 * UNAVAILABLE), so a full queue or a database outage loses nothing.
 */
export abstract class ExportError extends Error {
  abstract readonly httpStatus: number;
  abstract readonly grpcCode: GrpcStatus;
  /** Seconds an exporter should wait before retrying; null for permanent errors. */
  abstract readonly retryAfterSeconds: number | null;

  /** Retryable failures concern a whole batch (the store or queue), not one export's payload. */
  get retryable(): boolean {
    return this.retryAfterSeconds !== null;
  }
}

/** A failure class answered with these codes by both receivers. */
function failure(errorName: string, httpStatus: number, grpcCode: GrpcStatus, retryAfterSeconds: number | null = null) {
  return class extends ExportError {
    override name = errorName;
    readonly httpStatus = httpStatus;
    readonly grpcCode = grpcCode;
    readonly retryAfterSeconds = retryAfterSeconds;
  };
}

// The one map from failure to answer: (HTTP status, gRPC code, seconds before a retry).
export const InvalidExportError = failure("InvalidExportError", 400, GrpcStatus.INVALID_ARGUMENT);
export const UnauthenticatedError = failure("UnauthenticatedError", 401, GrpcStatus.UNAUTHENTICATED);
/** A valid key without the `ingest` scope. */
export const PermissionDeniedError = failure("PermissionDeniedError", 403, GrpcStatus.PERMISSION_DENIED);
export const PayloadTooLargeError = failure("PayloadTooLargeError", 413, GrpcStatus.RESOURCE_EXHAUSTED);
export const UnsupportedMediaTypeError = failure("UnsupportedMediaTypeError", 415, GrpcStatus.INVALID_ARGUMENT);
// Not RESOURCE_EXHAUSTED: Go exporters (and the OTel Collector) retry that only with a
// RetryInfo detail; UNAVAILABLE is retried by every OTLP exporter.
export const QueueFullError = failure("QueueFullError", 429, GrpcStatus.UNAVAILABLE, 2);
export const StoreUnavailableError = failure("StoreUnavailableError", 503, GrpcStatus.UNAVAILABLE, 5);
/** Anything unexpected: a server error, which exporters do not retry. Logged with its cause. */
export const InternalExportError = failure("InternalExportError", 500, GrpcStatus.INTERNAL);

/**
 * What a receiver answers for anything an export threw, whatever the transport: export errors as
 * they are, a payload that cannot be decoded as a permanent 400 / INVALID_ARGUMENT naming what is
 * wrong with it, anything else as an internal error.
 */
export function asExportError(error: unknown): ExportError {
  if (error instanceof ExportError) return error;
  if (error instanceof DecodeError) {
    return new InvalidExportError(`Cannot decode the ${error.format} export request: ${error.message}`, { cause: error });
  }
  return new InternalExportError(error instanceof Error ? error.message : String(error), { cause: error });
}

/** A 500's message is whatever was thrown (database text, stack details): never for the client. */
const INTERNAL_MESSAGE = "Internal error";

/**
 * Logs a refused export and returns the message its sender gets. Server errors (5xx) carry an
 * error id that finds the log line with the details; 500 says nothing else, 503's own message is
 * ours (the database's text is only in its `cause`).
 */
export function refusalMessage(failure: ExportError, log: Logger, context: Record<string, string | number | undefined>): string {
  if (failure.httpStatus < 500) {
    log.warn("export refused", { ...context, status: failure.httpStatus, error: failure.message });
    return failure.message;
  }
  const errorId = newErrorId();
  const cause = failure.cause instanceof Error ? failure.cause.message : undefined;
  log.error("export failed", { ...context, errorId, status: failure.httpStatus, error: failure.message, cause });
  const message = failure instanceof InternalExportError ? INTERNAL_MESSAGE : failure.message;
  return `${message} (error id ${errorId})`;
}
