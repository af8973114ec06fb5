// U+0000, and UTF-16 surrogates without their pair (a truncated emoji, say): PostgreSQL rejects both
// in text and jsonb, so one such character fails the whole insert.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const REPLACEMENT = "\uFFFD";

/** `value` with every character PostgreSQL cannot store replaced by U+FFFD. */
export const storableText = (value: string): string => value.replace(UNSTORABLE, REPLACEMENT);
