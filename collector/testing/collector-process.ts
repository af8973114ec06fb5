import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";

const REPO = path.resolve(import.meta.dirname, "../..");
const MAIN = path.join(REPO, "collector/main.ts");

export interface CollectorExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** `collector/main.ts` in a process of its own, so a test can kill it as an operator or a crash would. */
export interface CollectorProcess {
  readonly pid: number;
  /** Sends the signal (SIGKILL: a crash; SIGTERM: an orderly stop) and resolves when the process has exited. */
  signal(signal: "SIGKILL" | "SIGTERM"): Promise<CollectorExit & { afterMs: number }>;
  /** Its last lines of output, for a failure message. */
  output(): string;
}

/** The collector's environment: nothing inherited but PATH and HOME, so the test's own settings cannot leak in. */
export function collectorEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return {
    NODE_ENV: "production",
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? "/tmp",
    HOST: "127.0.0.1",
    ...settings,
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts the collector with `env` (see collectorEnv) and resolves once both receivers accept
 * connections; rejects with its output if it exits first or takes longer than `readyTimeoutMs`.
 * Node runs it directly (not through npx), so the pid is the collector's own.
 */
export async function startCollectorProcess(
  env: NodeJS.ProcessEnv,
  ports: { grpcPort: number; httpPort: number },
  readyTimeoutMs = 60_000,
  /** Node's arguments: the TypeScript source through tsx by default; a bundle (scripts/build-collector.mjs) with its flags, as `npm run collector` runs it. */
  nodeArgs: readonly string[] = ["--import", "tsx", MAIN],
): Promise<CollectorProcess> {
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs], { cwd: REPO, env, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const state: { exit: CollectorExit | null } = { exit: null };
  const exited = new Promise<CollectorExit>((resolve) =>
    child.once("exit", (code, signal) => {
      state.exit = { code, signal };
      resolve(state.exit);
    }),
  );
  const output = () => lines.join("\n");

  const deadline = Date.now() + readyTimeoutMs;
  while (!(await accepts(ports.grpcPort)) || !(await accepts(ports.httpPort))) {
    if (state.exit) throw new Error(`the collector exited while starting (${JSON.stringify(state.exit)}):\n${output()}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the collector did not listen within ${readyTimeoutMs} ms:\n${output()}`);
    }
    await sleep(100);
  }
  return {
    pid: child.pid!,
    async signal(signal) {
      const sent = performance.now();
      if (!state.exit) child.kill(signal);
      const result = await exited;
      return { ...result, afterMs: Math.round(performance.now() - sent) };
    },
    output,
  };
}
