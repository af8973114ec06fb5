import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createLogger } from "@/lib/runtime/log";

const log = createLogger("db");

// Creating a PGlite data folder runs initdb inside WebAssembly, and WebAssembly memory never
// shrinks: a process that created its folder kept ~450 MB more resident for good (RSS 820 MB
// against 340 MB for the same process opening the folder it left). A short-lived child process
// creates the folder instead; this process only ever opens one.
const CREATE_FOLDER = `
const { PGlite } = await import("@electric-sql/pglite");
const db = await PGlite.create({ dataDir: process.argv[1] });
await db.close();
`;

/** True when `folder` holds a database cluster (initdb writes PG_VERSION). */
export const isPgliteFolder = (folder: string): boolean => fs.existsSync(path.join(folder, "PG_VERSION"));

/**
 * Creates a new PGlite data folder in a child process, unless it exists. Returns false when the
 * child could not do it (the caller then creates it in-process, as before): the folder is left as
 * it was found.
 */
export async function createPgliteFolderApart(folder: string, timeoutMs = 120_000): Promise<boolean> {
  if (isPgliteFolder(folder)) return true;
  const existedBefore = fs.existsSync(folder);
  const outcome = await new Promise<{ ok: boolean; detail: string }>((resolve) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", CREATE_FOLDER, folder], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      if (stderr.length < 4000) stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, detail: error.message });
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve({ ok: code === 0 && isPgliteFolder(folder), detail: signal ? `killed by ${signal}` : `exit code ${code}: ${stderr.trim().slice(-500)}` });
    });
  });
  if (outcome.ok) return true;
  log.warn("creating the embedded database folder in a child process failed; creating it in this process", { folder, detail: outcome.detail });
  // A half-written folder would stop PGlite from creating a fresh one.
  if (!existedBefore && fs.existsSync(folder)) fs.rmSync(folder, { recursive: true, force: true });
  return false;
}
