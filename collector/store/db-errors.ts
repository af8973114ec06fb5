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
]);

/**
 * True when the database could not be reached or asked us to come back later: the export is
 * answered as retryable (503 / UNAVAILABLE) and the exporter sends it again, so nothing is lost.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") {
    if (CONNECTION_CODES.has(code)) return true;
    // 08 connection, 53 insufficient resources (disk full, out of memory, too many connections),
    // 58 system/I/O errors, shutdown, statement timeout, lock not available, serialization, deadlock.
    if (/^(08|53|58)/.test(code) || ["57P01", "57P02", "57P03", "57014", "55P03", "40001", "40P01"].includes(code)) return true;
  }
  const message = error instanceof Error ? error.message : "";
  return /PGlite is closed|Connection terminated|connection.*(closed|ended)/i.test(message);
}
