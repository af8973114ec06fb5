/** The collector alone in its own process, so the bench measures its CPU and memory apart from the load. */
import { startCollector } from "@/collector";
import { loadConfig } from "@/lib/runtime/config";
import { openDatabase } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { serverRuntime } from "@/lib/runtime/registry";
import { setRedactionRules } from "@/lib/redaction/queries";
import { DETECTOR_IDS } from "@/lib/redaction/types";

const config = loadConfig();
const database = await openDatabase(config);
await migrateToLatest(database.kysely);
// `--redaction on`: every built-in detector, masking, for the tenant the bench sends as.
if (process.env.BENCH_REDACTION === "on") await setRedactionRules(database.kysely, "default", DETECTOR_IDS.map((detector) => ({ kind: "detector", detector, action: "mask" })));
// The bench exports over plaintext loopback whatever TLS_* say.
const collector = await startCollector({ ...config, tls: null }, database);
// BENCH_MEMORY_TRACE=1: what the process held when its RSS peaked, to tell heap from buffers.
const peak = process.env.BENCH_MEMORY_TRACE ? tracePeakMemory() : null;
// The process's CPU time (every thread: GC helpers too), so the bench can say what a span costs.
const cpuMicros = () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};
process.send?.({ ready: true, grpcPort: collector.grpcPort, httpPort: collector.httpPort, cpuMicros: cpuMicros() });
process.on("message", async (message: { stop?: boolean; drained?: boolean }) => {
  if (message.drained) {
    // Acknowledged is not stored while the spool is on: the bench waits for the database too.
    while ((serverRuntime().ingestBacklog?.stats().records ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    process.send?.({ drained: true, cpuMicros: cpuMicros() });
    return;
  }
  if (!message.stop) return;
  await collector.close();
  await database.close();
  if (peak) console.error(`collector memory at its RSS peak (MiB): ${JSON.stringify(peak())}`);
  // maxRSS is in KiB.
  process.send?.({ peakRssBytes: process.resourceUsage().maxRSS * 1024 }, () => process.exit(0));
});

function tracePeakMemory(): () => Record<string, number> {
  let top = process.memoryUsage();
  const spoolAt = { records: 0, bytes: 0 };
  const timer = setInterval(() => {
    const now = process.memoryUsage();
    if (now.rss <= top.rss) return;
    top = now;
    const stats = serverRuntime().ingestBacklog?.stats();
    spoolAt.records = stats?.records ?? 0;
    spoolAt.bytes = stats?.bytes ?? 0;
  }, 50);
  timer.unref();
  const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
  return () => ({ rss: mib(top.rss), heapUsed: mib(top.heapUsed), heapTotal: mib(top.heapTotal), external: mib(top.external), arrayBuffers: mib(top.arrayBuffers), spoolRecords: spoolAt.records, spoolMiB: mib(spoolAt.bytes) });
}
