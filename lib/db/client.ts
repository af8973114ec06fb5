import path from "node:path";
import { Kysely } from "kysely";
import { PostgresJSDialect } from "kysely-postgres-js";
import postgres, { type Sql } from "postgres";
import { copyAwarePglite } from "@/lib/db/copy";
import { markInProcess } from "@/lib/db/in-process";
import { createPgliteFolderApart } from "@/lib/db/pglite-folder";
import { acquireDataDirLock } from "@/lib/db/data-dir-lock";
import { recoveringPostgres } from "@/lib/db/recovering-postgres";
import type { DB } from "@/lib/db/types";

export type Backend = "postgres" | "pglite";

export interface Database {
  kysely: Kysely<DB>;
  backend: Backend;
  close(): Promise<void>;
}

const identity = (value: string) => value;

/**
 * Embedded Postgres. With a folder, data persists there and the folder is locked to this
 * process; without one, the database lives in memory (tests).
 */
export async function openPglite(dataDir?: string): Promise<Database> {
  const lock = dataDir ? acquireDataDirLock(dataDir) : null;
  try {
    const folder = dataDir ? path.join(dataDir, "pglite") : undefined;
    if (folder) await createPgliteFolderApart(folder);
    // Loaded only here: importing PGlite costs ~50 MB of memory a PostgreSQL collector never uses.
    const [{ PGlite, types: pgliteTypes }, { PGliteDialect }] = await Promise.all([import("@electric-sql/pglite"), import("kysely-pglite-dialect")]);
    // The one-argument form: PGlite.create(undefined, options) drops the options.
    const pglite = await PGlite.create({
      dataDir: folder,
      // Same shapes as postgres.js: int8 stays an exact decimal string.
      parsers: { [pgliteTypes.INT8]: identity },
    });
    const kysely = new Kysely<DB>({ dialect: new PGliteDialect(copyAwarePglite(pglite)) });
    markInProcess(kysely);
    return {
      kysely,
      backend: "pglite",
      async close() {
        try {
          await kysely.destroy(); // the dialect closes PGlite, which writes its data to disk
          if (!pglite.closed) await pglite.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

const UNDEFINED_DATABASE = "3D000";

async function createDatabaseFor(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ""));
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const admin = postgres(maintenance.toString(), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name.replace(/"/g, '""')}"`);
  } catch (error) {
    // Another process may have created it between our check and this statement.
    if ((error as { code?: string }).code !== "42P04") throw error;
  } finally {
    await admin.end({ timeout: 1 });
  }
}

/** Seconds before reconnect attempt n: quick at first, never more than 1 s (postgres.js waits up to 20 s by default, and every query waits with it). */
const reconnectBackoff = (retries: number) => Math.min(0.05 * 2 ** retries, 1);

export interface PostgresOptions {
  maxConnections?: number;
  /** Shown in pg_stat_activity; a replica's connections say so. */
  applicationName?: string;
  /** Create the database named in the URL when it does not exist (default); a replica cannot. */
  createMissing?: boolean;
}

/** PostgreSQL through postgres.js. A database named in the URL that does not exist yet is created (unless `createMissing: false`). */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Database> {
  const connect = () =>
    postgres(url, {
      max: options.maxConnections ?? 10,
      onnotice: () => {},
      // An unreachable server fails the export as retryable within seconds instead of holding it.
      connect_timeout: 5,
      backoff: reconnectBackoff,
      connection: { application_name: options.applicationName ?? "codon-observatory" },
    });
  const probe = connect();
  try {
    await probe`select 1`;
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_DATABASE || options.createMissing === false) throw error;
    await createDatabaseFor(url);
  } finally {
    await probe.end({ timeout: 1 });
  }
  const pool = recoveringPostgres(connect);
  const kysely = new Kysely<DB>({ dialect: new PostgresJSDialect({ postgres: pool.sql as Sql }) });
  return {
    kysely,
    backend: "postgres",
    async close() {
      await kysely.destroy();
    },
  };
}

/** The backend the configuration asks for: PostgreSQL when DATABASE_URL is set, else PGlite. */
export function openDatabase(config: { databaseUrl: string | null; dataDir: string }): Promise<Database> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}
