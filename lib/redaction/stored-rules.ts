import type { JsonValue } from "@/lib/db/types";
import { redactionInputSchema } from "@/lib/redaction/input";
import type { RedactionRule } from "@/lib/redaction/types";

/**
 * Rules as stored, checked again on the way out: a rule this version does not know (written by
 * a newer one) or a pattern that no longer compiles is left out and named, never run unchecked.
 */
export function parseStoredRules(stored: JsonValue[]): { rules: RedactionRule[]; invalid: number } {
  const rules: RedactionRule[] = [];
  let invalid = 0;
  for (const entry of stored) {
    const parsed = redactionInputSchema.safeParse({ rules: [entry] });
    if (parsed.success) rules.push(parsed.data.rules[0]!);
    else invalid++;
  }
  return { rules, invalid };
}
