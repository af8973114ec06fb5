// No imports: vitest.faults.config.ts reads this file too.

// Which database errors are the database's state (unreachable, restarting, overloaded) rather than
// the request's fault: exports hear them as retryable (503 / UNAVAILABLE), API calls as 503.

/** The connection itself is gone or could not be made (socket errors, postgres.js's own codes). */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  // lib/db/recovering-postgres.ts: no pooled connection became free within the bounded wait.
  "CONNECTION_WAIT_TIMEOUT",
]);

/** The server is shutting down, crashed, or still starting. */
const SHUTDOWN_CODES = new Set(["57P01", "57P02", "57P03"]);

export const databaseErrorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
};

/** The connection a statement ran on is gone: it must not be used again. */
export function isConnectionLost(error: unknown): boolean {
  const code = databaseErrorCode(error);
  return code !== undefined && code !== "CONNECTION_WAIT_TIMEOUT" && (CONNECTION_CODES.has(code) || SHUTDOWN_CODES.has(code));
}

/** Unreachable, or asked to come back later: retrying the same request may succeed. */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = databaseErrorCode(error);
  if (code !== undefined) {
    if (CONNECTION_CODES.has(code) || SHUTDOWN_CODES.has(code)) return true;
    // 08 connection, 53 insufficient resources (disk full, out of memory, too many connections),
    // 58 system/I/O errors, statement timeout, lock not available, serialization, deadlock.
    if (/^(08|53|58)/.test(code) || ["57014", "55P03", "40001", "40P01"].includes(code)) return true;
  }
  const message = error instanceof Error ? error.message : "";
  return /PGlite is closed|Connection terminated|connection.*(closed|ended)/i.test(message);
}

/**
 * postgres.js looks up array types right after connecting and does not wait for that query: when
 * the server goes away just then, its rejection (a lost connection) is left unhandled. Nothing
 * waits on it; the connection is gone and is made again with the next statement, types included.
 */
export function isPostgresJsUnhandledConnectionLoss(error: unknown): boolean {
  const stack = (error as { stack?: unknown } | null)?.stack;
  return isConnectionLost(error) && typeof stack === "string" && /postgres[/\\]src[/\\]connection\.js/.test(stack);
}
