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
 * True when the database could not be reached or asked us to come back later (connection
 * failures, SQLSTATE class 08, shutdown, too many connections, serialization failure or
 * deadlock): the export is answered as retryable and nothing is lost.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") {
    if (CONNECTION_CODES.has(code)) return true;
    if (/^08/.test(code) || ["57P01", "57P02", "57P03", "53300", "40001", "40P01"].includes(code)) return true;
  }
  const message = error instanceof Error ? error.message : "";
  return /PGlite is closed|Connection terminated|connection.*(closed|ended)/i.test(message);
}
