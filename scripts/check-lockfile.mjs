#!/usr/bin/env node
// Fails with a clear message when package-lock.json holds an entry npm cannot install from.
// Plain JavaScript with no dependencies: .ci/run calls it before `npm ci`, when nothing is
// installed yet, so a broken lock is named instead of failing npm with "Invalid Version".
//
//   node scripts/check-lockfile.mjs            check ./package-lock.json
//   node scripts/check-lockfile.mjs <file>     check another lock file
//   node scripts/check-lockfile.mjs --repair   (npm run lock:refresh) drop version-less entries,
//                                              let this machine's npm write them again, re-check
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPAIR_COMMAND = "npm run lock:refresh";

/**
 * Entries of a parsed lock file (lockfileVersion 2 or 3) that npm cannot install from.
 * @param {unknown} lock
 * @returns {{ entry: string, problem: string }[]}
 */
export function findLockProblems(lock) {
  if (!isRecord(lock)) return [{ entry: "(file)", problem: "is not a JSON object" }];
  const version = lock.lockfileVersion;
  if (version !== 2 && version !== 3) {
    return [{ entry: "(file)", problem: `has lockfileVersion ${String(version)}; npm 7+ writes 2 or 3` }];
  }
  if (!isRecord(lock.packages)) return [{ entry: "(file)", problem: 'has no "packages" object' }];
  const problems = [];
  for (const [entry, value] of Object.entries(lock.packages)) {
    if (entry === "") continue; // the project itself
    if (!isRecord(value)) {
      problems.push({ entry, problem: "is not an object" });
    } else if (value.link === true) {
      if (typeof value.resolved !== "string") problems.push({ entry, problem: "is a link without a target" });
    } else if (typeof value.version !== "string" || value.version.trim() === "") {
      problems.push({ entry, problem: "has no version (a placeholder npm cannot install)" });
    }
  }
  return problems;
}

/**
 * The message printed for a broken lock: every bad entry and how to repair it.
 * @param {string} file
 * @param {{ entry: string, problem: string }[]} problems
 */
export function describeLockProblems(file, problems) {
  const lines = problems.map(({ entry, problem }) => `  ${entry} ${problem}`);
  return [
    `${file}: ${problems.length} entr${problems.length === 1 ? "y" : "ies"} npm cannot install from:`,
    ...lines,
    `Repair: \`${REPAIR_COMMAND}\` (drops these entries and lets this machine's npm write them again).`,
    "If the registry does not serve a package yet, do not commit a placeholder: see README, \"Dependencies\".",
  ].join("\n");
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** @param {string} file */
function readLock(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** @param {string} file @returns {number} exit code */
function check(file) {
  let problems;
  try {
    problems = findLockProblems(readLock(file));
  } catch (error) {
    console.error(`${file}: cannot be read as JSON (${error instanceof Error ? error.message : String(error)})`);
    return 1;
  }
  if (problems.length > 0) {
    console.error(describeLockProblems(file, problems));
    return 1;
  }
  console.log(`${file}: every entry has a version`);
  return 0;
}

/** @param {string} file @returns {number} exit code */
function repair(file) {
  const lock = readLock(file);
  const broken = findLockProblems(lock).filter(({ entry }) => entry !== "(file)");
  for (const { entry } of broken) {
    delete lock.packages[entry];
    console.log(`dropped ${entry}`);
  }
  if (broken.length > 0) writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
  const npm = spawnSync("npm", ["install", "--package-lock-only", "--no-audit", "--no-fund"], {
    cwd: path.dirname(path.resolve(file)),
    stdio: "inherit",
  });
  if (npm.status !== 0) return npm.status ?? 1;
  return check(file);
}

const invokedDirectly = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const args = process.argv.slice(2);
  const file = args.find((arg) => !arg.startsWith("--")) ?? "package-lock.json";
  process.exitCode = args.includes("--repair") ? repair(file) : check(file);
}
