import { AttributeSet, setAttribute } from "@/collector/decode/attribute-set";
import type { DecodeBudget } from "@/collector/decode/limits";
import { DecodeError, type AttributeValue, type Attributes, type InstrumentationScope } from "@/collector/decode/model";

/**
 * Hand-written checks for the OTLP/JSON mapping (faster than a schema library on this hot path,
 * and every error names the exact path). Protobuf JSON allows null for any field: treated as absent.
 */

export type Obj = Record<string, unknown>;

export function fail(path: string, message: string): never {
  throw new DecodeError(`${path}: ${message}`, "JSON");
}

export function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** A field under its lowerCamel JSON name, falling back to the proto (snake_case) name, which parsers must accept too. */
export function field(o: Obj, camel: string, snake: string): unknown {
  const v = o[camel];
  return v !== undefined ? v : o[snake];
}

export function arrayAt(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) fail(path, `expected an array, got ${typeName(v)}`);
  return v;
}

export function objectAt(v: unknown, path: string): Obj | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) fail(path, `expected an object, got ${typeName(v)}`);
  return v;
}

export function stringAt(v: unknown, path: string): string {
  if (typeof v === "string") return v;
  if (v === undefined || v === null) return "";
  return fail(path, `expected a string, got ${typeName(v)}`);
}

function typeName(v: unknown): string {
  return v === null ? "null" : Array.isArray(v) ? "array" : typeof v;
}

const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const DIGITS = /^\d+$/;
const SIGNED_DIGITS = /^-?\d+$/;

/** fixed64 nanoseconds: a decimal string (exact) or a number (already rounded by JSON.parse if > 2^53). */
export function uint64At(v: unknown, path: string): bigint {
  if (typeof v === "string") {
    if (!DIGITS.test(v)) fail(path, `expected an unsigned 64-bit integer, got "${clip(v)}"`);
    const n = BigInt(v);
    if (n > UINT64_MAX) fail(path, `${v} does not fit in 64 bits`);
    return n;
  }
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < 0 || v >= 2 ** 64) fail(path, `expected an unsigned 64-bit integer, got ${v}`);
    return BigInt(v);
  }
  if (v === undefined || v === null) return 0n;
  return fail(path, `expected an integer string or number, got ${typeName(v)}`);
}

/** int64 attribute value: a number when it is a safe integer, else the exact decimal string. */
function int64At(v: unknown, path: string): number | string {
  if (typeof v === "number") {
    if (Number.isSafeInteger(v)) return v + 0; // + 0 turns -0 into 0
    if (!Number.isInteger(v) || v < -(2 ** 63) || v >= 2 ** 63) fail(path, `expected a 64-bit integer, got ${v}`);
    return BigInt(v).toString();
  }
  if (typeof v === "string") {
    if (!SIGNED_DIGITS.test(v)) fail(path, `expected a 64-bit integer, got "${clip(v)}"`);
    if (v.length <= 15) return Number(v) + 0;
    const n = BigInt(v);
    if (n < INT64_MIN || n > INT64_MAX) fail(path, `${clip(v)} does not fit in 64 bits`);
    const num = Number(n);
    return Number.isSafeInteger(num) ? num : n.toString();
  }
  return fail(path, `expected an integer string or number, got ${typeName(v)}`);
}

/** A double: a number, or as proto JSON spells one, "NaN", "Infinity", "-Infinity" or a numeric string. */
export function doubleAt(v: unknown, path: string): number {
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    // Proto JSON spells non-finite doubles as strings and allows numeric strings.
    if (v === "NaN") return NaN;
    if (v === "Infinity") return Infinity;
    if (v === "-Infinity") return -Infinity;
    const n = Number(v);
    if (v.trim() !== "" && Number.isFinite(n)) return n;
  }
  return fail(path, `expected a number, got ${typeof v === "string" ? `"${clip(v)}"` : typeName(v)}`);
}

/** Enums as integers or by their proto names (e.g. "SPAN_KIND_SERVER"). */
export function enumAt(v: unknown, path: string, names: Readonly<Record<string, number>>): number {
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) fail(path, `expected an enum number, got ${v}`);
    return v;
  }
  if (typeof v === "string") {
    const n = Object.hasOwn(names, v) ? names[v] : undefined;
    if (n === undefined) fail(path, `unknown enum value "${clip(v)}"`);
    return n;
  }
  if (v === undefined || v === null) return 0;
  return fail(path, `expected an enum number or name, got ${typeName(v)}`);
}

const HEX_ID = /^[0-9a-fA-F]*$/;

/** OTLP/JSON ids are hex (not base64 as generic proto JSON would have it): `bytes` long or empty. */
export function idAt(v: unknown, path: string, bytes: number): string {
  if (v === undefined || v === null || v === "") return "";
  if (typeof v !== "string") return fail(path, `expected a hex string, got ${typeName(v)}`);
  if (v.length !== bytes * 2 || !HEX_ID.test(v)) {
    fail(path, `expected ${bytes * 2} hex digits or an empty string, got "${clip(v)}"`);
  }
  return v.toLowerCase();
}

const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** AnyValue. The path is assembled only when needed (errors, nesting): this runs per attribute. */
export function anyValueAt(v: unknown, base: string, index: number | undefined, suffix: string, depth: number, budget: DecodeBudget): AttributeValue {
  if (v === undefined || v === null) return null;
  if (!isObj(v)) return fail(pathOf(base, index, suffix), `expected an AnyValue object, got ${typeName(v)}`);
  if (depth > budget.limits.maxAnyValueDepth) budget.depth(depth, `at ${pathOf(base, index, suffix)}`);
  let x = field(v, "stringValue", "string_value");
  if (x !== undefined && x !== null) return budget.text(stringAt(x, `${pathOf(base, index, suffix)}.stringValue`));
  if ((x = field(v, "boolValue", "bool_value")) !== undefined && x !== null) {
    if (typeof x !== "boolean") fail(`${pathOf(base, index, suffix)}.boolValue`, `expected a boolean, got ${typeName(x)}`);
    return x;
  }
  if ((x = field(v, "intValue", "int_value")) !== undefined && x !== null) {
    return int64At(x, `${pathOf(base, index, suffix)}.intValue`);
  }
  if ((x = field(v, "doubleValue", "double_value")) !== undefined && x !== null) {
    return doubleAt(x, `${pathOf(base, index, suffix)}.doubleValue`);
  }
  if ((x = field(v, "arrayValue", "array_value")) !== undefined && x !== null) {
    const path = `${pathOf(base, index, suffix)}.arrayValue`;
    const values = arrayAt(objectAt(x, path)?.values, `${path}.values`);
    const out: AttributeValue[] = new Array<AttributeValue>(values.length);
    for (let i = 0; i < values.length; i++) {
      budget.value();
      out[i] = anyValueAt(values[i], `${path}.values`, i, "", depth + 1, budget);
    }
    return out;
  }
  if ((x = field(v, "kvlistValue", "kvlist_value")) !== undefined && x !== null) {
    const path = `${pathOf(base, index, suffix)}.kvlistValue`;
    return kvlistAt(objectAt(x, path)?.values, `${path}.values`, depth + 1, budget);
  }
  if ((x = field(v, "bytesValue", "bytes_value")) !== undefined && x !== null) {
    const path = `${pathOf(base, index, suffix)}.bytesValue`;
    if (typeof x !== "string" || !BASE64.test(x)) fail(path, "expected a base64 string");
    return budget.text(Buffer.from(x, "base64").toString("base64")); // canonical form, as the protobuf decoder produces
  }
  return null;
}

/** `base[index]suffix`, or `base suffix` without an index. */
function pathOf(base: string, index: number | undefined, suffix: string): string {
  return index === undefined ? `${base}${suffix}` : `${base}[${index}]${suffix}`;
}

function keyValueAt(v: unknown[], i: number, path: string): { key: string; value: unknown } {
  const kv: unknown = v[i];
  if (!isObj(kv)) fail(`${path}[${i}]`, `expected a KeyValue object, got ${typeName(kv)}`);
  return { key: typeof kv.key === "string" ? kv.key : stringAt(kv.key, `${path}[${i}].key`), value: kv.value };
}

function keyValuesAt(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return fail(path, `expected an array of KeyValue, got ${typeName(v)}`);
  return v;
}

/** A span's, resource's, scope's, event's, link's or log record's attributes, under the SDK's limits (attribute-set.ts). */
export function attributesAt(v: unknown, path: string, budget: DecodeBudget): Attributes {
  const list = keyValuesAt(v, path);
  const out = new AttributeSet(budget);
  const maxKey = budget.limits.maxAttributeKeyLength;
  for (let i = 0; i < list.length; i++) {
    budget.value();
    const { key, value } = keyValueAt(list, i, path);
    if (out.accepts(key, key.length > maxKey)) out.add(key, anyValueAt(value, path, i, ".value", 0, budget));
    else out.drop();
  }
  return out.values;
}

/** kvlistValue.values into an object; the last duplicate wins. */
function kvlistAt(v: unknown, path: string, depth: number, budget: DecodeBudget): Attributes {
  const list = keyValuesAt(v, path);
  const out: Attributes = {};
  for (let i = 0; i < list.length; i++) {
    budget.value();
    const { key, value } = keyValueAt(list, i, path);
    setAttribute(out, budget.text(key), anyValueAt(value, path, i, ".value", depth, budget));
  }
  return out;
}

export function resourceAt(v: unknown, path: string, budget: DecodeBudget): Attributes {
  const o = objectAt(v, path);
  return o ? attributesAt(o.attributes, `${path}.attributes`, budget) : {};
}

export function scopeAt(v: unknown, path: string, budget: DecodeBudget): InstrumentationScope {
  const o = objectAt(v, path);
  if (!o) return { name: "", version: "", attributes: {} };
  return {
    name: budget.text(stringAt(o.name, `${path}.name`)),
    version: budget.text(stringAt(o.version, `${path}.version`)),
    attributes: attributesAt(o.attributes, `${path}.attributes`, budget),
  };
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
