import type { Attributes } from "@/collector/decode/model";
import { parseCount } from "@/collector/normalize/attributes";

/** Attributes that number a retried step's attempts from 1, most specific first (Codon, AGNT5, common retry libraries). */
export const ATTEMPT_KEYS = ["codon.node.attempt", "agnt5.attempt", "retry.attempt", "attempt"] as const;
/** OTel HTTP semantic conventions: how many times the request was sent before this one (0 for the first). */
export const RESEND_COUNT_KEY = "http.request.resend_count";
/** Beyond this a number is not an attempt count. */
const MAX_ATTEMPT = 1_000_000;

/**
 * Which attempt of a retried step the span is, when its SDK says: an attempt attribute (1 is the
 * first), else the HTTP resend count plus one. Null when the span carries neither, or a value
 * that is not a whole number from 1 (0 for the resend count) to a million.
 */
export function extractAttempt(attributes: Attributes): number | null {
  for (const key of ATTEMPT_KEYS) {
    const count = parseCount(attributes[key]);
    if (count !== null) return Number(count) >= 1 && Number(count) <= MAX_ATTEMPT ? Number(count) : null;
  }
  const resends = parseCount(attributes[RESEND_COUNT_KEY]);
  return resends !== null && Number(resends) < MAX_ATTEMPT ? Number(resends) + 1 : null;
}
