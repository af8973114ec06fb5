import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { openPglite, openPostgres, type Database } from "@/lib/db/client";

/** A fresh database a read benchmark seeds, queries and throws away. */
export interface QueryTarget {
  name: "postgres" | "pglite";
  open(): Promise<Database>;
  cleanup(): Promise<void>;
}

/** Whether a PostgreSQL server answers at `url` (the benches then run on it too). */
export async function serverAnswers(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`select 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

/** A database named `<prefix>_<pid>` on the server of `adminUrl`, dropped by cleanup. */
export function postgresQueryTarget(adminUrl: string, prefix: string): QueryTarget {
  const name = `${prefix}_${process.pid}`;
  const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
  return {
    name: "postgres",
    open: () => openPostgres(url), // creates the database; the app's default pool size
    async cleanup() {
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await admin.end({ timeout: 1 });
      }
    },
  };
}

/** A PGlite folder under the system's temporary folder, removed by cleanup. */
export function pgliteQueryTarget(prefix: string): QueryTarget {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  return { name: "pglite", open: () => openPglite(root), cleanup: async () => fs.rmSync(root, { recursive: true, force: true }) };
}
