/** The collector alone in its own process, so the bench measures its CPU and memory apart from the load. */
import { startCollector } from "@/collector";
import { loadConfig } from "@/lib/runtime/config";
import { openDatabase } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { serverRuntime } from "@/lib/runtime/registry";

const config = loadConfig();
const database = await openDatabase(config);
await migrateToLatest(database.kysely);
// The bench exports over plaintext loopback whatever TLS_* say.
const collector = await startCollector({ ...config, tls: null }, database);
process.send?.({ ready: true, grpcPort: collector.grpcPort, httpPort: collector.httpPort });
process.on("message", async (message: { stop?: boolean; drained?: boolean }) => {
  if (message.drained) {
    // Acknowledged is not stored while the spool is on: the bench waits for the database too.
    while ((serverRuntime().ingestBacklog?.stats().records ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    process.send?.({ drained: true });
    return;
  }
  if (!message.stop) return;
  await collector.close();
  await database.close();
  // maxRSS is in KiB.
  process.send?.({ peakRssBytes: process.resourceUsage().maxRSS * 1024 }, () => process.exit(0));
});
