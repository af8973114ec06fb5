import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { openPglite, openPostgres, type Backend, type Database } from "@/lib/db/client";
import { migrateToLatest } from "@/lib/db/migrate";

export interface TestDatabase {
  database: Database;
  /** PostgreSQL only: the connection string of the test's own database. */
  url?: string;
  /** Closes the connection and, on PostgreSQL, drops the test's own database. */
  dispose(): Promise<void>;
}

export interface TestBackend {
  name: Backend;
  /** A fresh, empty database; `migrated: false` leaves the schema out. */
  open(options?: { migrated?: boolean }): Promise<TestDatabase>;
}

function pgliteBackend(): TestBackend {
  return {
    name: "pglite",
    async open({ migrated = true } = {}) {
      const database = await openPglite();
      if (migrated) await migrateToLatest(database.kysely);
      return { database, dispose: () => database.close() };
    },
  };
}

/** Fresh databases on the server `adminUrl` reaches, each dropped on dispose. */
export function postgresBackend(adminUrl: string): TestBackend {
  return {
    name: "postgres",
    async open({ migrated = true } = {}) {
      const name = `codon_test_${process.pid}_${randomBytes(4).toString("hex")}`;
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      // openPostgres creates the missing database, as it does for users.
      const database = await openPostgres(url.toString(), { maxConnections: 4 });
      if (migrated) await migrateToLatest(database.kysely);
      return {
        database,
        url: url.toString(),
        async dispose() {
          await database.close();
          const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
          try {
            await admin.unsafe(`drop database if exists "${name}" with (force)`);
          } finally {
            await admin.end({ timeout: 1 });
          }
        },
      };
    },
  };
}

/** PGlite always; the real server too when TEST_DATABASE_URL names one. */
export function testBackends(env: NodeJS.ProcessEnv = process.env): TestBackend[] {
  const url = env.TEST_DATABASE_URL?.trim();
  return url ? [pgliteBackend(), postgresBackend(url)] : [pgliteBackend()];
}
