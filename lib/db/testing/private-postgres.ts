import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A PostgreSQL server of the test's own, on a spare port, that the test may stop and start at will. */
export interface PrivatePostgres {
  readonly port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  start(): void;
  /** `fast` closes sessions cleanly; `immediate` drops them as a crash would. */
  stop(mode?: "fast" | "immediate"): void;
  dispose(): void;
}

function binDir(): string | null {
  const fromPath = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  if (fromPath) return path.dirname(fromPath);
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs.readdirSync(root).filter((v) => fs.existsSync(path.join(root, v, "bin", "pg_ctl"))).sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : null;
}

/** Why private servers cannot run here, or null when they can. */
export function privatePostgresUnavailable(): string | null {
  if (!binDir()) return "initdb/pg_ctl not found (install postgresql, e.g. apt-get install postgresql)";
  if (process.getuid?.() === 0 && spawnSync("id", ["-u", "postgres"]).status !== 0) return "running as root without a postgres user to run the server as";
  return null;
}

/**
 * initdb into a temporary folder and start on `port`. As root (CI containers) the server runs as
 * the `postgres` user, since PostgreSQL refuses to run as root. fsync is off: these servers test
 * outages, not durability of PostgreSQL itself. synchronous_commit stays on, though: off, an
 * immediate stop (PostgreSQL crashing alone) drops commits it had already acknowledged, which the
 * fault tests would count as spans the collector lost.
 */
export function startPrivatePostgres(port: number): PrivatePostgres {
  const bin = binDir();
  if (!bin) throw new Error(privatePostgresUnavailable() ?? "no PostgreSQL binaries");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "codon-pg-"));
  const dataDir = path.join(root, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) execFileSync("chown", ["postgres:postgres", root]);
  const run = (tool: string, args: string[]) => {
    const command = [path.join(bin, tool), ...args];
    const [file, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", ...command]] : [command[0]!, command.slice(1)];
    execFileSync(file, argv, { stdio: "pipe", timeout: 60_000 });
  };
  run("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const options = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
  let running = false;
  const server: PrivatePostgres = {
    port,
    url: (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start() {
      if (running) return;
      run("pg_ctl", ["-D", dataDir, "-o", options, "-l", path.join(root, "server.log"), "-w", "-t", "30", "start"]);
      running = true;
    },
    stop(mode = "fast") {
      if (!running) return;
      run("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "30", "stop"]);
      running = false;
    },
    dispose() {
      try {
        server.stop("immediate");
      } finally {
        fs.rmSync(root, { recursive: true, force: true });
      }
    },
  };
  server.start();
  return server;
}

/** A TCP port free on loopback right now, for a private server to listen on. */
export function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.once("error", reject);
  });
}
