import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { openPglite } from "@/lib/db/client";
import { acquireDataDirLock, DataDirLockedError } from "@/lib/db/data-dir-lock";

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "codon-lock-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe("data folder lock", () => {
  it("refuses a second owner while the first holds it, and frees it on release", () => {
    const dir = tempDir();
    const first = acquireDataDirLock(dir);
    expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
    first.release();
    acquireDataDirLock(dir).release();
  });

  it("takes over a lock left by a process that died", () => {
    const dir = tempDir();
    const finished = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
    fs.writeFileSync(path.join(dir, "observatory.lock"), finished.stdout.toString());
    const lock = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, "observatory.lock"), "utf8")).toBe(String(process.pid));
    lock.release();
  });

  it("never lets two PGlite instances open one folder, and keeps data across reopen", async () => {
    const dir = tempDir();
    const first = await openPglite(dir);
    await expect(openPglite(dir)).rejects.toThrow(/in use by process/);
    await sql`create table marker (v text)`.execute(first.kysely);
    await sql`insert into marker values ('kept')`.execute(first.kysely);
    await first.close();

    const reopened = await openPglite(dir);
    const rows = await sql<{ v: string }>`select v from marker`.execute(reopened.kysely);
    expect(rows.rows).toEqual([{ v: "kept" }]);
    await reopened.close();
  });
});
