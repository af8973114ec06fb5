import * as grpc from "@grpc/grpc-js";
import { createLogger } from "@/lib/runtime/log";
import type { Authenticator } from "@/collector/auth";
import { DEFAULT_DECODE_LIMITS, type DecodeLimits } from "@/collector/decode";
import { asExportError, InternalExportError, refusalMessage } from "@/collector/pipeline/errors";
import type { ExportService } from "@/collector/pipeline/export";
import { decodeAndExport } from "@/collector/receivers/decode-export";
import { authenticatedTenant, authInterceptor } from "@/collector/receivers/grpc-auth";
import { widenConnectionWindow, widenStreamWindow } from "@/collector/receivers/grpc-windows";
import { encodeExportResponse, encodeStatusWithRetryInfo, type Signal } from "@/collector/receivers/otlp-response";
import type { TlsMaterial } from "@/lib/runtime/tls";

const log = createLogger("otlp-grpc");

export interface GrpcReceiver {
  port: number;
  close(): Promise<void>;
}

const passthrough = (buffer: Buffer) => buffer;

function exportMethod(path: string): grpc.MethodDefinition<Buffer, Buffer> {
  return {
    path,
    requestStream: false,
    responseStream: false,
    requestSerialize: passthrough,
    requestDeserialize: passthrough,
    responseSerialize: passthrough,
    responseDeserialize: passthrough,
  };
}

export const traceServiceDefinition = {
  Export: exportMethod("/opentelemetry.proto.collector.trace.v1.TraceService/Export"),
};
export const logsServiceDefinition = {
  Export: exportMethod("/opentelemetry.proto.collector.logs.v1.LogsService/Export"),
};
export const metricsServiceDefinition = {
  Export: exportMethod("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export"),
};

function exportHandler(signal: Signal, exporter: ExportService, limits: DecodeLimits): grpc.handleUnaryCall<Buffer, Buffer> {
  return (call, callback) => {
    const tenantId = authenticatedTenant(call.metadata);
    Promise.resolve()
      .then(() => {
        if (tenantId === null) throw new InternalExportError("gRPC call reached its handler without passing the key check");
        return decodeAndExport(signal, "protobuf", call.request, tenantId, exporter, limits);
      })
      .then(
        (result) => callback(null, encodeExportResponse(result.rejected > 0 ? result : null)),
        (error: unknown) => {
          const failure = asExportError(error);
          const details = refusalMessage(failure, log, { signal });
          const metadata = new grpc.Metadata();
          if (failure.retryAfterSeconds !== null) {
            metadata.set("grpc-status-details-bin", encodeStatusWithRetryInfo(failure.grpcCode, details, failure.retryAfterSeconds));
          }
          callback({ code: failure.grpcCode, details, metadata });
        },
      );
  };
}

/**
 * OTLP/gRPC receiver (TraceService, LogsService and MetricsService Export). The key is checked from metadata
 * before the message is read (grpc-auth.ts); messages then arrive as raw bytes (grpc-js inflates).
 */
export interface GrpcReceiverOptions {
  host?: string;
  port: number;
  maxMessageBytes: number;
  exporter: ExportService;
  auth: Authenticator;
  limits?: DecodeLimits;
  /** Serve TLS with this certificate (no client certificates asked for); absent: plaintext. */
  tls?: TlsMaterial | null;
}

export async function startGrpcReceiver(options: GrpcReceiverOptions): Promise<GrpcReceiver> {
  const server = new grpc.Server({
    // Checked on the decompressed message too, so gzip cannot smuggle a larger one in.
    "grpc.max_receive_message_length": options.maxMessageBytes,
    interceptors: [authInterceptor(options.auth, log)],
  });
  const widened = widenStreamWindow(server);
  const limits = options.limits ?? DEFAULT_DECODE_LIMITS;
  server.addService(traceServiceDefinition, { Export: exportHandler("traces", options.exporter, limits) });
  server.addService(logsServiceDefinition, { Export: exportHandler("logs", options.exporter, limits) });
  server.addService(metricsServiceDefinition, { Export: exportHandler("metrics", options.exporter, limits) });
  const credentials = options.tls
    ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: options.tls.cert, private_key: options.tls.key }], false)
    : grpc.ServerCredentials.createInsecure();
  const bind = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const bindHost = host.includes(":") ? `[${host}]` : host;
      server.bindAsync(`${bindHost}:${options.port}`, credentials, (error, boundPort) =>
        error ? reject(error) : resolve(boundPort),
      );
    });
  // No HOST means every interface: dual-stack "::" where IPv6 exists, else IPv4 only.
  const port = options.host ? await bind(options.host) : await bind("::").catch(() => bind("0.0.0.0"));
  if (!(widened && widenConnectionWindow(server))) {
    log.warn("could not widen the gRPC receiver's HTTP/2 flow-control windows (grpc-js internals changed); large exports arrive slower");
  }
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 3000);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
