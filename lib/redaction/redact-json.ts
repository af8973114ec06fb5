import type { JsonObject, JsonValue } from "@/lib/db/types";
import { COLUMN_ATTRIBUTES } from "@/lib/db/column-attributes";
import type { Redactor } from "@/lib/redaction/redactor";

/**
 * Keys whose values identify a run, a node or a service: reads join on them, and their columns
 * are taken before redaction, so they are left as sent (Settings says so).
 */
export const IDENTITY_KEYS: ReadonlySet<string> = new Set([...COLUMN_ATTRIBUTES.map((entry) => entry.key), "service.name", "service.namespace", "service.version"]);

/** Counts matches across the values of one row. */
export interface Tally {
  count: number;
}

/** A JSON value with every string in it redacted; the same object when nothing matched. */
export function redactJson(value: JsonValue, redactor: Redactor, tally: Tally): JsonValue {
  if (typeof value === "string") return redactText(value, redactor, tally);
  if (Array.isArray(value)) {
    let changed: JsonValue[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const next = redactJson(value[i]!, redactor, tally);
      if (next !== value[i]) (changed ??= value.slice())[i] = next;
    }
    return changed ?? value;
  }
  if (value !== null && typeof value === "object") return redactObject(value, redactor, tally, false);
  return value;
}

/** An object's values redacted; at the top of an attribute set, identity keys are left alone. */
export function redactObject(object: JsonObject, redactor: Redactor, tally: Tally, skipIdentity: boolean): JsonObject {
  let changed: JsonObject | null = null;
  for (const key of Object.keys(object)) {
    if (skipIdentity && IDENTITY_KEYS.has(key)) continue;
    const value = object[key]!;
    const next = redactJson(value, redactor, tally);
    if (next !== value) (changed ??= { ...object })[key] = next;
  }
  return changed ?? object;
}

/** One text redacted; the same string when nothing matched. */
export function redactText(text: string, redactor: Redactor, tally: Tally): string {
  const result = redactor.redact(text);
  tally.count += result.count;
  return result.count === 0 ? text : result.text;
}

/** A nullable text column redacted. */
export function redactNullable(text: string | null | undefined, redactor: Redactor, tally: Tally): string | null | undefined {
  return text === null || text === undefined ? text : redactText(text, redactor, tally);
}
