import * as grpc from "@grpc/grpc-js";
import { createLogger } from "../../lib/log";

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

const notYet: grpc.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
  log.warn("export refused: ingestion not enabled yet", { method: call.getPath() });
  // UNAVAILABLE is retryable for every OTLP exporter, so early senders keep their data.
  callback({ code: grpc.status.UNAVAILABLE, details: "OTLP ingestion is not enabled in this build yet; retry later" });
};

/** OTLP/gRPC receiver (TraceService and LogsService Export). Messages arrive as raw bytes; gzip is handled by grpc-js. */
export async function startGrpcReceiver(options: { host?: string; port: number; maxMessageBytes: number }): Promise<GrpcReceiver> {
  const server = new grpc.Server({
    "grpc.max_receive_message_length": options.maxMessageBytes,
  });
  server.addService(traceServiceDefinition, { Export: notYet });
  server.addService(logsServiceDefinition, { Export: notYet });
  const bind = (host: string) =>
    new Promise<number>((resolve, reject) => {
      const bindHost = host.includes(":") ? `[${host}]` : host;
      server.bindAsync(`${bindHost}:${options.port}`, grpc.ServerCredentials.createInsecure(), (error, boundPort) =>
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
