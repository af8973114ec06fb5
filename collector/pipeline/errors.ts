import { status as GrpcStatus } from "@grpc/grpc-js";

/**
 * Why an export was not (wholly) stored, and how each transport must say it. Permanent errors
 * are not retried by exporters; retryable ones are (HTTP 429/503 + Retry-After, gRPC
 * RESOURCE_EXHAUSTED/UNAVAILABLE), so a full queue or a database outage loses nothing.
 */
export abstract class ExportError extends Error {
  abstract readonly httpStatus: number;
  abstract readonly grpcCode: GrpcStatus;
  /** Seconds an exporter should wait before retrying; null for permanent errors. */
  readonly retryAfterSeconds: number | null = null;

  /** Retryable failures concern a whole batch (the store or queue), not one export's payload. */
  get retryable(): boolean {
    return this.retryAfterSeconds !== null;
  }
}

export class InvalidExportError extends ExportError {
  override name = "InvalidExportError";
  readonly httpStatus = 400;
  readonly grpcCode = GrpcStatus.INVALID_ARGUMENT;
}

export class UnauthenticatedError extends ExportError {
  override name = "UnauthenticatedError";
  readonly httpStatus = 401;
  readonly grpcCode = GrpcStatus.UNAUTHENTICATED;
}

export class PayloadTooLargeError extends ExportError {
  override name = "PayloadTooLargeError";
  readonly httpStatus = 413;
  readonly grpcCode = GrpcStatus.RESOURCE_EXHAUSTED;
}

export class UnsupportedMediaTypeError extends ExportError {
  override name = "UnsupportedMediaTypeError";
  readonly httpStatus = 415;
  readonly grpcCode = GrpcStatus.INVALID_ARGUMENT;
}

export class QueueFullError extends ExportError {
  override name = "QueueFullError";
  readonly httpStatus = 429;
  // Not RESOURCE_EXHAUSTED: Go exporters (and the OTel Collector) retry that only with a
  // RetryInfo detail; UNAVAILABLE is retried by every OTLP exporter.
  readonly grpcCode = GrpcStatus.UNAVAILABLE;
  override readonly retryAfterSeconds = 2;
}

export class StoreUnavailableError extends ExportError {
  override name = "StoreUnavailableError";
  readonly httpStatus = 503;
  readonly grpcCode = GrpcStatus.UNAVAILABLE;
  override readonly retryAfterSeconds = 5;
}

/** Anything unexpected: a server error, which exporters do not retry. Logged with its cause. */
export class InternalExportError extends ExportError {
  override name = "InternalExportError";
  readonly httpStatus = 500;
  readonly grpcCode = GrpcStatus.INTERNAL;
}

export function asExportError(error: unknown): ExportError {
  if (error instanceof ExportError) return error;
  return new InternalExportError(error instanceof Error ? error.message : String(error));
}
