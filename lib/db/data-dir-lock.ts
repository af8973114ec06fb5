import fs from "node:fs";
import path from "node:path";

/** What a locked folder holds, for the message: the embedded database, or the collector's spool. */
export type LockedFolder = "database" | "spool";

/** Thrown when another live process already owns the embedded database folder (or a spool folder). */
export class DataDirLockedError extends Error {
  override name = "DataDirLockedError";
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
    folder: LockedFolder = "database",
  ) {
    super(
      folder === "spool"
        ? `The ingest spool in ${dataDir} is in use by process ${ownerPid}. Each collector needs its own: stop that process or set SPOOL_DIR.`
        :
      `The embedded database in ${dataDir} is in use by process ${ownerPid}. ` +
        `Only one process may open it: stop that process, choose another DATA_DIR, or set DATABASE_URL.`,
    );
  }
}

export interface DataDirLock {
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes the folder's lock file so a second PGlite instance can never open the same data
 * (two would corrupt it). A lock left by a process that died is taken over.
 */
export function acquireDataDirLock(dataDir: string, folder: LockedFolder = "database"): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, "observatory.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          fs.rmSync(lockPath, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const ownerPid = Number.parseInt(fs.readFileSync(lockPath, "utf8"), 10);
      if (Number.isInteger(ownerPid) && ownerPid !== process.pid && isAlive(ownerPid)) {
        throw new DataDirLockedError(dataDir, ownerPid, folder);
      }
      if (ownerPid === process.pid) throw new DataDirLockedError(dataDir, ownerPid, folder);
      fs.rmSync(lockPath, { force: true }); // stale: its owner is gone
    }
  }
  throw new Error(`Could not take the lock on ${lockPath}`);
}
