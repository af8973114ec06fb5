import { createLogger } from "@/lib/runtime/log";

// What the process does with an error nothing caught (an `uncaughtException`, or a rejection no
// one handled). A known, recoverable fault of a component (e.g. postgres.js throwing from a timer
// when its socket vanished, or leaving its type lookup's rejection unhandled when the server goes
// away mid-connect) is handed to that component, which rebuilds itself if it must; anything else
// leaves the process in an unknown state, so the server logs it and exits non-zero for its
// supervisor (systemd, Docker's restart policy, a shell loop) to start it again.

const log = createLogger("process");

interface Recoverable {
  /** Whether this error is this component's known fault. */
  matches(error: unknown): boolean;
  /** Rebuilds the component; must not throw. */
  recover(error: unknown): void;
}

const recoverables = new Set<Recoverable>();
let listening = false;
let policyInstalled = false;

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

type Origin = "uncaughtException" | "unhandledRejection";

function onUncaught(error: unknown, origin: Origin): void {
  for (const recoverable of recoverables) {
    if (!recoverable.matches(error)) continue;
    log.warn("recovering from a known fault", { origin, error: error instanceof Error ? error.message : String(error) });
    recoverable.recover(error);
    return;
  }
  // Not ours to recover. Under the server's policy: exit. Elsewhere (a test runner, a host that
  // has its own listener) the other listeners decide; alone, do what Node would have done.
  if (policyInstalled || process.listenerCount(origin) <= 1) {
    log.error("uncaught error: exiting so a supervisor can restart a clean process", { origin, error: describe(error) });
    process.exit(1);
  }
}

function listen(): void {
  if (listening) return;
  listening = true;
  process.on("uncaughtException", (error) => onUncaught(error, "uncaughtException"));
  process.on("unhandledRejection", (reason) => onUncaught(reason, "unhandledRejection"));
}

/** Registers a component's known fault; returns the function that unregisters it. */
export function registerRecoverable(recoverable: Recoverable): () => void {
  listen();
  recoverables.add(recoverable);
  return () => recoverables.delete(recoverable);
}

/**
 * The server's policy (server.ts, collector/main.ts): recoverable faults recover, any other
 * uncaught exception or unhandled rejection is logged and exits with code 1.
 */
export function installProcessFaultPolicy(): void {
  policyInstalled = true;
  listen();
}
