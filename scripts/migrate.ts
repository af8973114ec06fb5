/** `npm run migrate`: applies pending migrations to the configured database and exits. */
import { ConfigError, describeDatabase, loadConfig } from "../lib/config";
import { openDatabase } from "../lib/db/client";
import { DataDirLockedError } from "../lib/db/data-dir-lock";
import { migrateToLatest } from "../lib/db/migrate";

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
  const known = error instanceof ConfigError || error instanceof DataDirLockedError;
  console.error(known ? error.message : error);
  process.exit(1);
});
