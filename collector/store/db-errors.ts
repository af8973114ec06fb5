import { databaseErrorCode, isTransientDatabaseError } from "@/lib/db/errors";
import { replaceNul } from "@/collector/normalize/sanitize";
import { InternalExportError, InvalidExportError, StoreUnavailableError, type ExportError } from "@/collector/pipeline/errors";
import type { WriteBatch } from "@/collector/store/write-batch";

const codeOf = databaseErrorCode;
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export { isTransientDatabaseError };

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
