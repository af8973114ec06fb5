import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openPglite } from "@/lib/db/client";
import { createPgliteFolderApart, isPgliteFolder } from "@/lib/db/pglite-folder";

const roots: string[] = [];
const tempRoot = () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "codon-pglite-folder-"));
  roots.push(root);
  return root;
};
afterEach(() => {
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe("createPgliteFolderApart", () => {
  it("creates the database folder in a child process, which this process then opens and keeps", async () => {
    const root = tempRoot();
    const folder = path.join(root, "pglite");
    expect(await createPgliteFolderApart(folder)).toBe(true);
    expect(isPgliteFolder(folder)).toBe(true);

    const first = await openPglite(root);
    await sql`create table kept (id int)`.execute(first.kysely);
    await sql`insert into kept values (7)`.execute(first.kysely);
    await first.close();
    const again = await openPglite(root);
    expect((await sql<{ id: number }>`select id from kept`.execute(again.kysely)).rows).toEqual([{ id: 7 }]);
    await again.close();
  }, 60_000);

  it("leaves an existing folder alone", async () => {
    const root = tempRoot();
    const database = await openPglite(root);
    await database.close();
    const folder = path.join(root, "pglite");
    const before = fs.statSync(path.join(folder, "PG_VERSION")).mtimeMs;
    expect(await createPgliteFolderApart(folder)).toBe(true);
    expect(fs.statSync(path.join(folder, "PG_VERSION")).mtimeMs).toBe(before);
  }, 60_000);

  it("answers false and leaves nothing behind when the child cannot create it", async () => {
    const root = tempRoot();
    // A folder beneath a file: no process can create it.
    fs.writeFileSync(path.join(root, "file"), "");
    const folder = path.join(root, "file", "pglite");
    expect(await createPgliteFolderApart(folder)).toBe(false);
    expect(fs.existsSync(folder)).toBe(false);
    expect(fs.readdirSync(root)).toEqual(["file"]);
  }, 60_000);
});
