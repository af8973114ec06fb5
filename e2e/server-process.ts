import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import net from "node:net";
import os from "node:os";

export interface ServerProcess {
  child: ChildProcess;
  output(): string;
  /** Sends the signal and resolves with the exit code and how long the process took to exit. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; elapsedMs: number }>;
  exited: Promise<number | null>;
}

/** Starts `server.ts` the way `npm start` does, with the given environment on top of ours. */
export function spawnServer(env: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    exited,
    async stop(signal = "SIGINT") {
      const started = Date.now();
      child.kill(signal);
      const code = await exited;
      return { code, elapsedMs: Date.now() - started };
    },
  };
}

/** Polls until the health endpoint answers 200, or fails with the server's output. */
export async function waitForHealthy(server: ServerProcess, port: number, timeoutMs = 120_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode}:\n${server.output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.status === 200) return await response.json();
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server not healthy within ${timeoutMs} ms:\n${server.output()}`);
}

export function canConnect(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** An IPv4 address of this machine that is not loopback, if it has one (to tell "loopback only" from "every interface"). */
export function externalAddress(): string | null {
  const all = Object.values(os.networkInterfaces()).flatMap((list) => list ?? []);
  return all.find((entry) => entry.family === "IPv4" && !entry.internal)?.address ?? null;
}

/** `npm run apikey -- create`, as an operator runs it: against an embedded data folder no server owns. Returns the key. */
export function createKeyWithCli(dataDir: string, tenant: string, scope: string): string {
  const result = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/apikey.ts", "create", tenant, "e2e", "--scope", scope], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`npm run apikey failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  // The key is printed alone on its line; the "Created API key cok_xxxxxx…" line shows only its prefix.
  const printed = /^\s+(cok_[A-Za-z0-9_-]{20,})\s*$/m.exec(result.stdout)?.[1];
  if (!printed) throw new Error(`no key in the output:\n${result.stdout}`);
  return printed;
}
