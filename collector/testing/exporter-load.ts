import { OTLPTraceExporter as GrpcTraceExporter } from "@opentelemetry/exporter-trace-otlp-grpc";
import { OTLPTraceExporter as JsonTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import type { SpanExporter } from "@opentelemetry/sdk-trace";
import type { ExportLedger } from "@/collector/testing/export-ledger";
import type { SpanSource } from "@/collector/testing/span-source";

export type OtlpProtocol = "grpc" | "http/protobuf" | "http/json";

/** A stock OTel JS trace exporter with its default timeout, retries and concurrency limit. */
export function traceExporter(protocol: OtlpProtocol, ports: { grpcPort: number; httpPort: number }): SpanExporter {
  if (protocol === "grpc") return new GrpcTraceExporter({ url: `http://127.0.0.1:${ports.grpcPort}` });
  const url = `http://127.0.0.1:${ports.httpPort}/v1/traces`;
  return protocol === "http/json" ? new JsonTraceExporter({ url }) : new ProtoTraceExporter({ url });
}

/** One export of `count` spans, recorded in the ledger; resolves when the exporter has decided. */
export function exportBatch(exporter: SpanExporter, source: SpanSource, count: number, ledger: ExportLedger): Promise<void> {
  const spans = source.next(count);
  const settle = ledger.sent(spans);
  return new Promise((resolve) =>
    exporter.export(spans, (result) => {
      settle(result);
      resolve();
    }),
  );
}

export interface SteadyLoad {
  /** Stops sending and waits for every export in flight to be acknowledged or given up. */
  stop(): Promise<void>;
}

/**
 * Each exporter sends `spansPerBatch` spans `batchesPerSecond` times a second, whether or not
 * earlier exports have answered: a producer that does not slow down when the collector does.
 */
export function startSteadyLoad(options: {
  exporters: SpanExporter[];
  source: SpanSource;
  ledger: ExportLedger;
  spansPerBatch: number;
  batchesPerSecond: number;
}): SteadyLoad {
  const { exporters, source, ledger, spansPerBatch, batchesPerSecond } = options;
  const inFlight = new Set<Promise<void>>();
  const intervalMs = 1000 / batchesPerSecond;
  const started = performance.now();
  let tick = 0;
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    for (const exporter of exporters) {
      const done = exportBatch(exporter, source, spansPerBatch, ledger);
      inFlight.add(done);
      void done.then(() => inFlight.delete(done));
    }
    tick++;
    // Scheduled from the start time, so a slow tick does not lower the rate.
    timer = setTimeout(fire, Math.max(0, started + tick * intervalMs - performance.now()));
  };
  fire();
  return {
    async stop() {
      clearTimeout(timer);
      await Promise.all([...inFlight]);
    },
  };
}

/**
 * Each exporter sends `batches` exports of `spansPerBatch` spans one after another, as fast as
 * the collector answers (or until `deadline`, a performance.now() time); resolves when all have.
 */
export async function sendBurst(options: {
  exporters: SpanExporter[];
  source: SpanSource;
  ledger: ExportLedger;
  spansPerBatch: number;
  batches: number;
  deadline?: number;
}): Promise<void> {
  const { exporters, source, ledger, spansPerBatch, batches, deadline = Infinity } = options;
  await Promise.all(
    exporters.map(async (exporter) => {
      for (let sent = 0; sent < batches && performance.now() < deadline; sent++) await exportBatch(exporter, source, spansPerBatch, ledger);
    }),
  );
}
