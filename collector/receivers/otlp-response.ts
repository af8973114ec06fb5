/**
 * The few OTLP response messages a receiver sends, encoded by hand: they are tiny and fixed.
 * ExportTraceServiceResponse / ExportLogsServiceResponse / ExportMetricsServiceResponse { partial_success = 1 { rejected = 1 (int64), error_message = 2 } }
 * and google.rpc.Status { code = 1 (int32), message = 2 } for errors.
 */
export type Signal = "traces" | "logs" | "metrics";

const REJECTED_FIELD: Record<Signal, string> = { traces: "rejectedSpans", logs: "rejectedLogRecords", metrics: "rejectedDataPoints" };

export interface PartialSuccess {
  rejected: number;
  errorMessage: string;
}

function varint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

function lengthDelimited(field: number, bytes: Uint8Array | number[]): number[] {
  return [(field << 3) | 2, ...varint(bytes.length), ...bytes];
}

export function encodeExportResponse(partial: PartialSuccess | null): Buffer {
  if (!partial || (partial.rejected === 0 && !partial.errorMessage)) return Buffer.alloc(0);
  const inner: number[] = [];
  if (partial.rejected > 0) inner.push(1 << 3, ...varint(partial.rejected));
  if (partial.errorMessage) inner.push(...lengthDelimited(2, Buffer.from(partial.errorMessage, "utf8")));
  return Buffer.from(lengthDelimited(1, inner));
}

export function exportResponseJson(signal: Signal, partial: PartialSuccess | null): string {
  if (!partial || (partial.rejected === 0 && !partial.errorMessage)) return "{}";
  return JSON.stringify({ partialSuccess: { [REJECTED_FIELD[signal]]: partial.rejected, errorMessage: partial.errorMessage } });
}

export function encodeStatus(grpcCode: number, message: string): Buffer {
  return Buffer.from([...(grpcCode > 0 ? [1 << 3, ...varint(grpcCode)] : []), ...lengthDelimited(2, Buffer.from(message, "utf8"))]);
}

/**
 * google.rpc.Status { code = 1, message = 2, details = 3 (Any) } carrying one
 * google.rpc.RetryInfo { retry_delay = 1 (Duration { seconds = 1 }) }: sent as the
 * `grpc-status-details-bin` trailer, it tells gRPC exporters (the OTel Collector's and Go's
 * honour it) how long to wait before retrying.
 */
export function encodeStatusWithRetryInfo(grpcCode: number, message: string, retryAfterSeconds: number): Buffer {
  const duration = [1 << 3, ...varint(Math.max(0, Math.round(retryAfterSeconds)))];
  const retryInfo = lengthDelimited(1, duration);
  const any = [...lengthDelimited(1, Buffer.from("type.googleapis.com/google.rpc.RetryInfo", "utf8")), ...lengthDelimited(2, retryInfo)];
  return Buffer.concat([encodeStatus(grpcCode, message), Buffer.from(lengthDelimited(3, any))]);
}

export function statusJson(grpcCode: number, message: string): string {
  return JSON.stringify({ code: grpcCode, message });
}
