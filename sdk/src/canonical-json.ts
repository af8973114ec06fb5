// Canonical JSON as Python's `json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=True)`
// writes it: the Codon ids hash this exact text, so every byte has to agree with the Python SDK.

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue | undefined };

/** Canonical JSON text; object members whose value is `undefined` are left out, as JSON.stringify does. */
export function canonicalJson(value: JsonValue): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return pythonNumber(value);
  if (typeof value === "string") return pythonString(value);
  if (isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  const members: string[] = [];
  for (const key of Object.keys(value).sort(compareCodePoints)) {
    const member = value[key];
    if (member !== undefined) members.push(`${pythonString(key)}:${canonicalJson(member)}`);
  }
  return `{${members.join(",")}}`;
}

// Array.isArray does not narrow readonly arrays out of a union.
function isArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

/** Python sorts keys by code point; JS's default sort compares UTF-16 units, which differs past U+FFFF. */
export function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (char) => char.codePointAt(0) ?? 0);
  const right = Array.from(b, (char) => char.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return left.length - right.length;
}

const SHORT_ESCAPES: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f" };

/**
 * Everything outside printable ASCII (space..~) becomes `\uxxxx` (lowercase hex, like Python).
 * Iterating UTF-16 units means a character past U+FFFF comes out as its surrogate pair, as in Python.
 */
function pythonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const char = text[i] ?? "";
    const short = SHORT_ESCAPES[char];
    if (short !== undefined) out += short;
    else if (unit >= 0x20 && unit <= 0x7e) out += char;
    else out += `\\u${unit.toString(16).padStart(4, "0")}`;
  }
  return `${out}"`;
}

/**
 * Integers print in full (no `1e+21`); other numbers as Python's float repr: the shortest
 * round-trip digits, in exponent form when the exponent is below -4 or at least 16.
 * JS cannot tell 1.0 from 1, so integral floats print as integers.
 */
function pythonNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no representation for ${value}`);
  if (Number.isInteger(value)) return Object.is(value, -0) ? "0" : BigInt(value).toString();
  const [mantissa = "", exponentText = "0"] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? "-" : "+";
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return String(value);
}
