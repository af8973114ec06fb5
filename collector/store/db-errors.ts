import { replaceNul } from "@/collector/normalize/sanitize";
import { InternalExportError, InvalidExportError, StoreUnavailableError, type ExportError } from "@/collector/pipeline/errors";
import type { WriteBatch } from "@/collector/store/write-batch";

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

const codeOf = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
};
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * True when the database could not be reached or asked us to come back later: the export is
 * answered as retryable (503 / UNAVAILABLE) and the exporter sends it again, so nothing is lost.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined) {
    if (CONNECTION_CODES.has(code)) return true;
    // 08 connection, 53 insufficient resources (disk full, out of memory, too many connections),
    // 58 system/I/O errors, shutdown, statement timeout, lock not available, serialization, deadlock.
    if (/^(08|53|58)/.test(code) || ["57P01", "57P02", "57P03", "57014", "55P03", "40001", "40P01"].includes(code)) return true;
  }
  const message = error instanceof Error ? error.message : "";
  return /PGlite is closed|Connection terminated|connection.*(closed|ended)/i.test(message);
}

/** A failed write as the exporter hears it: retryable, a value the database refuses (22xxx), or a server fault. */
export function writeFailure(error: unknown): ExportError {
  const options = { cause: error };
  if (isTransientDatabaseError(error)) return new StoreUnavailableError("The database is unavailable; retry later", options);
  if (codeOf(error)?.startsWith("22")) {
    return new InvalidExportError(`The export holds a value the database refuses: ${messageOf(error)}`, options);
  }
  return new InternalExportError(`Storing the export failed: ${messageOf(error)}`, options);
}

/** 22P05/22021: NUL; 22P02: invalid JSON text, which an unpaired surrogate makes. */
function isUnstorableText(error: unknown): boolean {
  const code = codeOf(error);
  return code === "22P05" || code === "22021" || code === "22P02" || /\\u0000|0x00/.test(messageOf(error));
}

/**
 * A store write as the batcher calls it. NUL characters and unpaired surrogates pass OTLP
 * decoding but not PostgreSQL text or jsonb; rare, so rather than walk every row on the hot path,
 * a batch refused for one is repaired (-> U+FFFD) and written again. Whatever still fails is
 * thrown as the ExportError its exporters must hear.
 */
export function guardedWrite<R>(write: (batch: WriteBatch) => Promise<R>): (batch: WriteBatch) => Promise<R> {
  return async (batch) => {
    try {
      try {
        return await write(batch);
      } catch (error) {
        if (!isUnstorableText(error)) throw error;
        return await write(replaceNul(batch));
      }
    } catch (error) {
      throw writeFailure(error);
    }
  };
}
