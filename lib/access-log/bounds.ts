import type { AccessDetails } from "@/lib/access-log/entry";
import { storableText } from "@/lib/db/storable-text";

// Every value an entry stores is cleaned and bounded before it is hashed, so the insert cannot fail
// on the data (a NUL, a lone surrogate, an oversized user agent) and what is read back hashes the same.

export const MAX_USER_AGENT = 256;
export const MAX_CLIENT_IP = 64;
export const MAX_LABEL = 64;
export const MAX_TARGET_ID = 200;
export const MAX_DETAIL_KEYS = 12;
export const MAX_DETAIL_STRING = 120;
/** Below the table's 2,048-byte check, with room for jsonb's own spacing. */
export const MAX_DETAILS_BYTES = 1500;

/** Storable in PostgreSQL text and jsonb (storable-text.ts), at most `max` characters. */
export function cleanText(value: string, max: number): string {
  const clean = storableText(value);
  // A cut inside a surrogate pair would leave a lone one: cleaned again.
  return clean.length <= max ? clean : storableText(clean.slice(0, max));
}

export function cleanOptional(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  const clean = cleanText(value, max);
  return clean === "" ? null : clean;
}

/** At most 12 keys, strings cut to 120 characters, integers kept, other numbers as text; dropped past 1,500 bytes. */
export function boundDetails(details: AccessDetails | undefined): AccessDetails {
  const out: AccessDetails = {};
  if (!details) return out;
  let bytes = 2;
  for (const key of Object.keys(details).sort().slice(0, MAX_DETAIL_KEYS)) {
    const raw = details[key];
    if (raw === undefined) continue;
    const name = cleanText(key, 40);
    const value = typeof raw === "string" ? cleanText(raw, MAX_DETAIL_STRING) : typeof raw === "number" && !Number.isSafeInteger(raw) ? String(raw) : raw;
    const size = Buffer.byteLength(JSON.stringify({ [name]: value })) - 1;
    if (bytes + size > MAX_DETAILS_BYTES) break;
    bytes += size;
    out[name] = value;
  }
  return out;
}
