import type { WriteBatch } from "./write-batch";

const NUL = /\u0000/g;

function clean<T>(value: T): T {
  if (typeof value === "string") return value.replace(NUL, "\uFFFD") as T;
  if (Array.isArray(value)) return value.map(clean) as T;
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [clean(k), clean(v)])) as T;
  }
  return value;
}

/**
 * A copy of the batch with every U+0000 replaced by U+FFFD: OTLP strings may contain NUL,
 * PostgreSQL text and jsonb may not. Used only after a write failed on one, so the common
 * path pays nothing.
 */
export function replaceNulCharacters(batch: WriteBatch): WriteBatch {
  return clean(batch);
}
