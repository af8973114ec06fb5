import type { JsonValue } from "@/lib/db/types";
import { storableText } from "@/lib/db/storable-text";

/**
 * PostgreSQL rejects U+0000 and unpaired surrogates in text and jsonb, which would fail a whole
 * batch insert, so every string (and object key) has them replaced by U+FFFD. Other values pass.
 */
export function replaceNul<T>(value: T): T {
  return walk(value as unknown) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
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
