import type { JsonObject } from "@/lib/db/types";

/**
 * A copy of `attributes` without the keys `leftOut` holds, in the same order. Built by a loop, not
 * Object.entries/fromEntries: at ingest it runs for every span, and the entry arrays were garbage
 * the collector's GC had to sweep. A "__proto__" attribute stays an own key (a plain assignment
 * would set the copy's prototype instead).
 */
export function attributesWithout<T extends JsonObject>(attributes: T, leftOut: ReadonlySet<string> | ((key: string) => boolean)): T {
  const isLeftOut = typeof leftOut === "function" ? leftOut : (key: string) => leftOut.has(key);
  const stored = {} as Record<string, unknown>;
  for (const key of Object.keys(attributes)) {
    if (isLeftOut(key)) continue;
    if (key === "__proto__") Object.defineProperty(stored, key, { value: attributes[key], enumerable: true, writable: true, configurable: true });
    else stored[key] = attributes[key];
  }
  return stored as T;
}
