import type { SpanExporter } from "@opentelemetry/sdk-trace";
import type { CollectorExit, CollectorProcess } from "@/collector/testing/collector-process";
import type { ExportLedger } from "@/collector/testing/export-ledger";
import { startSteadyLoad } from "@/collector/testing/exporter-load";
import type { SpanSource } from "@/collector/testing/span-source";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface RestartOutcome {
  /** The collector running at the end. */
  collector: CollectorProcess;
  /** How each signalled process ended, and how long after the signal. */
  stops: (CollectorExit & { afterMs: number })[];
  /** Seconds the receivers were not listening, per restart. */
  downSeconds: number[];
}

/**
 * Steady load (each exporter `spansPerSecond`) while the collector is sent `signal` `cycles`
 * times, `everyMs` apart, and started again at once each time, as a supervisor would; the load
 * runs `everyMs` more after the last restart and every export has settled when this resolves.
 */
export async function restartUnderLoad(options: {
  collector: CollectorProcess;
  start: () => Promise<CollectorProcess>;
  signal: "SIGKILL" | "SIGTERM";
  cycles: number;
  everyMs: number;
  exporters: SpanExporter[];
  source: SpanSource;
  ledger: ExportLedger;
  spansPerSecond: number;
}): Promise<RestartOutcome> {
  const { start, signal, cycles, everyMs, exporters, source, ledger } = options;
  const batchesPerSecond = 5;
  const load = startSteadyLoad({ exporters, source, ledger, spansPerBatch: Math.round(options.spansPerSecond / batchesPerSecond), batchesPerSecond });
  let collector = options.collector;
  const stops: RestartOutcome["stops"] = [];
  const downSeconds: number[] = [];
  try {
    for (let cycle = 0; cycle < cycles; cycle++) {
      await sleep(everyMs);
      const down = performance.now();
      stops.push(await collector.signal(signal));
      collector = await start();
      downSeconds.push((performance.now() - down) / 1000);
    }
    await sleep(everyMs);
  } finally {
    await load.stop();
  }
  return { collector, stops, downSeconds };
}
