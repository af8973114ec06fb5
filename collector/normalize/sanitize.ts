import type { JsonValue } from "../../lib/db/types";

const NUL = /\u0000/g;
const REPLACEMENT = "\uFFFD";

/**
 * Postgres rejects U+0000 in text and jsonb values, which would fail a whole batch insert, so
 * every string (and object key) of an output row has it replaced by U+FFFD. Other values pass.
 */
export function replaceNul<T>(value: T): T {
  return walk(value as unknown) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === "string") return value.includes("\u0000") ? value.replace(NUL, REPLACEMENT) : value;
  if (Array.isArray(value)) return value.map(walk);
  if (isPlainObject(value)) {
    // fromEntries defines own properties, so a "__proto__" attribute key stays a plain key.
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [walk(key), walk(entry)]));
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object") return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** True when a value survives JSON.stringify unchanged in meaning (no bigint, undefined, NaN...). */
export function isJsonSafe(value: unknown): value is JsonValue {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJsonSafe);
  if (isPlainObject(value)) return Object.values(value).every(isJsonSafe);
  return false;
}
