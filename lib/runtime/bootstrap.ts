import { describeDatabase, type AppConfig } from "@/lib/runtime/config";
import { openDatabase, openPostgres, type Database } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { createLogger } from "@/lib/runtime/log";
import { serverRuntime } from "@/lib/runtime/registry";

const log = createLogger("server");

/** Opens the configured database, publishes it to the runtime registry and migrates it. */
export async function openAndMigrate(config: Pick<AppConfig, "databaseUrl" | "dataDir">): Promise<Database> {
  log.info(`Opening ${describeDatabase(config)}`);
  const database = await openDatabase(config);
  const runtime = serverRuntime();
  runtime.db = database.kysely;
  runtime.backend = database.backend;
  try {
    const applied = await migrateToLatest(database.kysely);
    runtime.migrated = true;
    log.info(applied.length ? `Applied ${applied.length} migration(s)` : "Database schema is up to date");
    return database;
  } catch (error) {
    runtime.db = null;
    await database.close();
    throw error;
  }
}

/**
 * The read replica (DATABASE_READ_URL), published as the runtime's `readDb` for the dashboard's
 * read-only queries; null when none is configured. Never migrated nor created: it follows the
 * primary. Reads that must see a write stay on the primary (lib/runtime/registry.ts).
 */
export async function openReadReplica(config: Pick<AppConfig, "databaseReadUrl">): Promise<Database | null> {
  if (!config.databaseReadUrl) return null;
  log.info(`Reading through the replica at ${describeDatabase({ databaseUrl: config.databaseReadUrl, dataDir: "" })}`);
  const replica = await openPostgres(config.databaseReadUrl, { applicationName: "codon-observatory-read", createMissing: false });
  serverRuntime().readDb = replica.kysely;
  return replica;
}

/**
 * Runs `stop` once on the first SIGINT or SIGTERM, then exits 0 (1 on error). If stopping takes
 * longer than timeoutMs the process exits anyway, so Ctrl-C always ends it.
 */
export function onShutdownSignal(stop: (signal: string) => Promise<void>, timeoutMs: number): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    serverRuntime().shuttingDown = true;
    log.info(`${signal} received: stopping (pending writes are flushed first)`);
    setTimeout(() => {
      log.error(`Shutdown did not finish within ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    stop(signal).then(
      () => {
        log.info("Stopped cleanly");
        process.exit(0);
      },
      (error: unknown) => {
        log.error("Error while stopping", { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}
