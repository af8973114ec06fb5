import type { Attributes, AttributeValue } from "@/collector/decode/model";

/** The largest value an int8 (Postgres bigint) column holds. */
export const INT8_MAX = 9223372036854775807n;

/** Attribute maps searched in order, e.g. `[span.attributes, resource]` for "span, else resource". */
export type AttributeSources = readonly Attributes[];

function isPresent(value: AttributeValue | undefined): value is AttributeValue {
  return value !== undefined && value !== null && value !== "";
}

/** The first present value (not missing, null or "") among the keys, each source in turn. */
export function firstValue(sources: AttributeSources, keys: readonly string[]): AttributeValue | null {
  for (const attributes of sources) {
    for (const key of keys) {
      const value = attributes[key];
      if (isPresent(value)) return value;
    }
  }
  return null;
}

/** The first non-empty string among the keys; values of other types are skipped. */
export function firstString(sources: AttributeSources, keys: readonly string[]): string | null {
  for (const attributes of sources) {
    for (const key of keys) {
      const value = attributes[key];
      if (typeof value === "string" && value !== "") return value;
    }
  }
  return null;
}

/**
 * The first value among the keys that is a whole number from 0 to 2^63-1 (a JSON number or a
 * numeric string), as an exact decimal string. Invalid values (negative, fractional, text) are
 * skipped, so a later alias can still supply the count; null when none qualifies.
 */
export function firstCount(sources: AttributeSources, keys: readonly string[]): string | null {
  for (const attributes of sources) {
    for (const key of keys) {
      const count = parseCount(attributes[key]);
      if (count !== null) return count;
    }
  }
  return null;
}

/** A whole number in 0..2^63-1 as a decimal string, else null. */
export function parseCount(value: AttributeValue | undefined): string | null {
  let n: bigint;
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return null;
    n = BigInt(value);
  } else if (typeof value === "string") {
    const text = value.trim();
    if (!/^\d+$/.test(text)) return null;
    n = BigInt(text);
  } else {
    return null;
  }
  return n >= 0n && n <= INT8_MAX ? n.toString() : null;
}

const DECIMAL = /^(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,4}))?$/;

/**
 * A finite non-negative number (JSON number or numeric string, exponent allowed) as a plain
 * decimal string without exponent, e.g. 1e-7 -> "0.0000001". Null for anything else, and for
 * values with more than `maxIntegerDigits` digits before the point (they would not fit the column).
 */
export function parseDecimal(value: AttributeValue | undefined, maxIntegerDigits = Infinity): string | null {
  let text: string;
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 0) return null;
    text = String(value);
  } else if (typeof value === "string") {
    text = value.trim();
  } else {
    return null;
  }
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const whole = match[1] ?? "";
  const fraction = match[2] ?? "";
  if (whole === "" && fraction === "") return null;
  const digits = whole + fraction;
  const point = whole.length + Number(match[3] ?? "0");
  let integerPart: string;
  let fractionPart: string;
  if (point <= 0) {
    integerPart = "0";
    fractionPart = "0".repeat(-point) + digits;
  } else if (point >= digits.length) {
    integerPart = digits + "0".repeat(point - digits.length);
    fractionPart = "";
  } else {
    integerPart = digits.slice(0, point);
    fractionPart = digits.slice(point);
  }
  integerPart = integerPart.replace(/^0+(?=\d)/, "");
  fractionPart = fractionPart.replace(/0+$/, "");
  if (integerPart.length > maxIntegerDigits) return null;
  return fractionPart === "" ? integerPart : `${integerPart}.${fractionPart}`;
}

/** A payload as text: strings as they are, anything else as JSON; null when absent. */
export function asText(value: AttributeValue | null | undefined): string | null {
  if (!isPresent(value)) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** "" -> null, for optional string fields of the wire format. */
export function emptyToNull(value: string): string | null {
  return value === "" ? null : value;
}
