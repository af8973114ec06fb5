import { Migrator, type Kysely, type MigrationResult } from "kysely";
import { migrations } from "@/migrations";
import type { DB } from "@/lib/db/types";

export class MigrationError extends Error {
  override name = "MigrationError";
}

/** Applies pending migrations; already-applied ones are skipped, so it is safe at every start. */
export async function migrateToLatest(db: Kysely<DB>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === "Error");
    const detail = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      failed ? `Migration ${failed.migrationName} failed: ${detail}` : `Migrations failed: ${detail}`,
    );
  }
  return results;
}
