import { ParamError } from "@/lib/http/params";

// Every list's cursor is opaque to clients: base64url of a small JSON array of the last item's
// sort key. One codec, so every list rejects a foreign or tampered cursor alike.

export type CursorValue = string | number;

/** Longer than any cursor this API hands out: refused before it is decoded. */
const MAX_CURSOR_CHARS = 4096;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export const badCursor = (): ParamError => new ParamError("cursor", "not a cursor this API returned; start again without it");

/**
 * The values of a cursor this API returned: a JSON array of 1 to 8 strings (no NUL, ≤ 1,000
 * characters) and finite numbers. `check` narrows them to the list's own key or returns undefined.
 */
export function decodeCursor<T>(raw: string, check: (values: readonly CursorValue[]) => T | undefined): T {
  if (raw.length > MAX_CURSOR_CHARS) throw badCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw badCursor();
  }
  if (!Array.isArray(value) || value.length === 0 || value.length > 8) throw badCursor();
  const valid = value.every(
    (v) => (typeof v === "string" && v.length <= 1000 && !v.includes("\u0000")) || (typeof v === "number" && Number.isFinite(v)),
  );
  const checked = valid ? check(value as CursorValue[]) : undefined;
  if (checked === undefined) throw badCursor();
  return checked;
}

/** A cursor of exactly `length` strings, each passing its test. */
export function decodeStringCursor(raw: string, tests: readonly ((value: string) => boolean)[]): string[] {
  return decodeCursor(raw, (values) =>
    values.length === tests.length && values.every((v, i) => typeof v === "string" && tests[i]!(v)) ? (values as string[]) : undefined,
  );
}
