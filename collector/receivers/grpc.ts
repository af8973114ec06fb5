import * as grpc from "@grpc/grpc-js";
import { createLogger } from "@/lib/runtime/log";
import type { Authenticator } from "@/collector/auth";
import { apiKeyFrom } from "@/lib/auth/request-key";
import { decodeLogsRequestProtobuf, decodeTraceRequestProtobuf } from "@/collector/decode";
import { asExportError } from "@/collector/pipeline/errors";
import type { ExportResult, ExportService } from "@/collector/pipeline/export";
import { encodeExportResponse } from "@/collector/receivers/otlp-response";
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

type ExportCall = (body: Buffer, tenantId: string) => Promise<ExportResult>;

function exportHandler(method: string, auth: Authenticator, run: ExportCall): grpc.handleUnaryCall<Buffer, Buffer> {
  return (call, callback) => {
    const key = apiKeyFrom((name) => {
      const value = call.metadata.get(name)[0];
      return value === undefined ? undefined : value.toString();
    });
    auth
      .tenantFor(key)
      .then((tenantId) => run(call.request, tenantId))
      .then(
        (result) => callback(null, encodeExportResponse(result.rejected > 0 ? result : null)),
        (error: unknown) => {
          const failure = asExportError(error);
          (failure.httpStatus >= 500 ? log.error : log.warn)("export refused", { method, code: failure.grpcCode, error: failure.message });
          callback({ code: failure.grpcCode, details: failure.message });
        },
      );
  };
}

/** OTLP/gRPC receiver (TraceService and LogsService Export). Messages arrive as raw bytes; grpc-js handles gzip. */
export interface GrpcReceiverOptions {
  host?: string;
  port: number;
  maxMessageBytes: number;
  exporter: ExportService;
  auth: Authenticator;
  /** Serve TLS with this certificate (no client certificates asked for); absent: plaintext. */
  tls?: TlsMaterial | null;
}

export async function startGrpcReceiver(options: GrpcReceiverOptions): Promise<GrpcReceiver> {
  const server = new grpc.Server({
    // Checked on the decompressed message too, so gzip cannot smuggle a larger one in.
    "grpc.max_receive_message_length": options.maxMessageBytes,
  });
  const { exporter, auth } = options;
  server.addService(traceServiceDefinition, {
    Export: exportHandler("traces", auth, (body, tenantId) => exporter.exportTraces(decodeTraceRequestProtobuf(body), tenantId)),
  });
  server.addService(logsServiceDefinition, {
    Export: exportHandler("logs", auth, (body, tenantId) => exporter.exportLogs(decodeLogsRequestProtobuf(body), tenantId)),
  });
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
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 1500);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      }),
  };
}
