/** `npm run migrate`: applies pending migrations to the configured database and exits. */
import { describeDatabase, loadConfig } from "@/lib/runtime/config";
import { openDatabase } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";
import { explainStartupError } from "@/lib/runtime/startup-errors";

async function main(): Promise<void> {
  const config = loadConfig();
  const database = await openDatabase(config);
  try {
    const applied = await migrateToLatest(database.kysely);
    const names = applied.map((result) => result.migrationName);
    console.log(
      names.length
        ? `Applied ${names.length} migration(s) to ${describeDatabase(config)}:\n  ${names.join("\n  ")}`
        : `${describeDatabase(config)} is up to date.`,
    );
  } finally {
    await database.close();
  }
}

main().catch((error: unknown) => {
  console.error(`Migration failed: ${explainStartupError(error)}`);
  process.exit(1);
});
