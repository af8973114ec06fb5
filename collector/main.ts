/**
 * The collector alone, without the dashboard: for scaling ingest out on PostgreSQL
 * (`DATABASE_URL`), next to dashboards served elsewhere. `npm start` runs both in one process.
 */
import { loadConfig } from "@/lib/runtime/config";
import { createLogger } from "@/lib/runtime/log";
import { openAndMigrate, onShutdownSignal } from "@/lib/runtime/bootstrap";
import { explainStartupError } from "@/lib/runtime/startup-errors";
import { installProcessFaultPolicy } from "@/lib/runtime/process-faults";
import { readTlsMaterial } from "@/lib/runtime/tls";
import { startCollector } from "@/collector";
import { heapShortfall } from "@/collector/heap-room";

const log = createLogger("collector");

async function main(): Promise<void> {
  // Known faults recover; any other uncaught error exits non-zero for a supervisor to restart.
  installProcessFaultPolicy();
  const config = loadConfig();
  const shortfall = heapShortfall(config.ingestMemoryBytes);
  if (shortfall) {
    log.warn(`INGEST_MEMORY_MB=${config.ingestMemoryBytes / 1048576} may need a heap of ${shortfall.neededMb} MB; this process may use ${shortfall.limitMb} MB: start node with --max-old-space-size=${shortfall.neededMb} or lower INGEST_MEMORY_MB`);
  }
  const tls = config.tls ? readTlsMaterial(config.tls) : null;
  const database = await openAndMigrate(config);
  const collector = await startCollector({ ...config, tls }, database);
  onShutdownSignal(async () => {
    await collector.close();
    await database.close();
  }, config.shutdownTimeoutMs);
  log.info(`Collector running: OTLP gRPC :${collector.grpcPort}, OTLP HTTP :${collector.httpPort}. Ctrl-C stops it.`);
}

main().catch((error: unknown) => {
  log.error(`Could not start: ${explainStartupError(error)}`);
  process.exit(1);
});
