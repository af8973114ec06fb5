import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { REPAIR_COMMAND, findLockProblems } from "@/scripts/check-lockfile.mjs";

const root = path.resolve(import.meta.dirname, "..");
const script = path.join(root, "scripts", "check-lockfile.mjs");
const readCommittedLock = () => JSON.parse(readFileSync(path.join(root, "package-lock.json"), "utf8"));
const tempDir = mkdtempSync(path.join(os.tmpdir(), "lockfile-check-"));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

function runCheck(lock: unknown) {
  const file = path.join(tempDir, `lock-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(lock));
  return spawnSync(process.execPath, [script, file], { encoding: "utf8" });
}

describe("package-lock.json check", () => {
  it("passes on the committed lock file", () => {
    expect(findLockProblems(readCommittedLock())).toEqual([]);
    const result = spawnSync(process.execPath, [script], { cwd: root, encoding: "utf8" });
    expect(result.status).toBe(0);
  });

  it("names a version-less placeholder and the repair command, and exits 1", () => {
    const lock = readCommittedLock();
    lock.packages["node_modules/next/node_modules/@next/swc-darwin-arm64"] = { optional: true };
    const withoutVersion = lock.packages["node_modules/kysely"];
    delete withoutVersion.version;

    expect(findLockProblems(lock).map((p) => p.entry)).toEqual([
      "node_modules/kysely",
      "node_modules/next/node_modules/@next/swc-darwin-arm64",
    ]);
    const result = runCheck(lock);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("2 entries npm cannot install from");
    expect(result.stderr).toContain("node_modules/next/node_modules/@next/swc-darwin-arm64 has no version");
    expect(result.stderr).toContain("node_modules/kysely has no version");
    expect(result.stderr).toContain(REPAIR_COMMAND);
  });

  it("treats an empty version as missing and accepts links without one", () => {
    const lock = {
      lockfileVersion: 3,
      packages: {
        "": { name: "x" },
        "node_modules/a": { version: "" },
        "node_modules/local": { resolved: "packages/local", link: true },
        "node_modules/dangling": { link: true },
      },
    };
    expect(findLockProblems(lock)).toEqual([
      { entry: "node_modules/a", problem: "has no version (a placeholder npm cannot install)" },
      { entry: "node_modules/dangling", problem: "is a link without a target" },
    ]);
  });

  it("rejects a file that is not a v2/v3 lock", () => {
    expect(findLockProblems({ lockfileVersion: 1, dependencies: {} })[0]?.problem).toMatch(/lockfileVersion 1/);
    expect(findLockProblems([])[0]?.problem).toBe("is not a JSON object");
    const result = runCheck("not a lock");
    expect(result.status).toBe(1);
  });
});
