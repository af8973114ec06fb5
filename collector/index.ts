import type { AppConfig } from "../lib/config";
import { createLogger } from "../lib/log";
import { serverRuntime } from "../lib/runtime/registry";
import { startGrpcReceiver } from "./receivers/grpc";
import { startHttpReceiver } from "./receivers/http";

const log = createLogger("collector");

export interface Collector {
  grpcPort: number;
  httpPort: number;
  /** Stops accepting exports, then finishes in-flight ones and flushes pending writes. */
  close(): Promise<void>;
}

type CollectorConfig = Pick<AppConfig, "host" | "otlpGrpcPort" | "otlpHttpPort" | "otlpMaxBodyBytes">;

/** Starts both OTLP receivers and records them in the server runtime (health depends on it). */
export async function startCollector(config: CollectorConfig): Promise<Collector> {
  const grpc = await startGrpcReceiver({
    host: config.host,
    port: config.otlpGrpcPort,
    maxMessageBytes: config.otlpMaxBodyBytes,
  });
  let http;
  try {
    http = await startHttpReceiver({ host: config.host, port: config.otlpHttpPort });
  } catch (error) {
    await grpc.close();
    throw error;
  }
  const runtime = serverRuntime();
  runtime.receivers = { grpc: grpc.port, http: http.address.port };
  log.info("OTLP receivers listening", { grpc: grpc.port, http: http.address.port });
  return {
    grpcPort: grpc.port,
    httpPort: http.address.port,
    async close() {
      runtime.receivers = { grpc: null, http: null };
      await Promise.all([grpc.close(), http.close()]);
    },
  };
}
