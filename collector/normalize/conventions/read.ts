import type { Attributes, AttributeValue } from "@/collector/decode/model";
import { firstCount, firstString, firstValue, parseCount, parseDecimal } from "@/collector/normalize/attributes";
import { CONVENTIONS, type Convention, type JsonPath, type JsonSource, type UsageField } from "@/collector/normalize/conventions";

/** The convention families that apply to a span (most apply to every span). */
export function conventionsFor(attributes: Attributes): readonly Convention[] {
  return CONVENTIONS.filter((convention) => convention.appliesTo === undefined || convention.appliesTo(attributes));
}

/** JSON string attributes of one span, each parsed at most once, and only if small enough. */
export class JsonAttributes {
  private readonly parsed = new Map<string, unknown>();

  constructor(private readonly attributes: Attributes) {}

  get(source: JsonSource): unknown {
    if (this.parsed.has(source.attribute)) return this.parsed.get(source.attribute);
    const raw = this.attributes[source.attribute];
    let value: unknown = null;
    if (typeof raw === "string" && raw.length <= source.maxLength) {
      try {
        value = JSON.parse(raw);
      } catch {
        value = null;
      }
    }
    this.parsed.set(source.attribute, value);
    return value;
  }
}

function at(value: unknown, path: JsonPath): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== "object" || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The first whole count at one of the paths, else null. */
export function countAtPaths(value: unknown, paths: readonly JsonPath[]): string | null {
  for (const path of paths) {
    const found = at(value, path);
    if (typeof found === "number" || typeof found === "string") {
      const count = parseCount(found);
      if (count !== null) return count;
    }
  }
  return null;
}

function stringAtPaths(value: unknown, paths: readonly JsonPath[]): string | null {
  for (const path of paths) {
    const found = at(value, path);
    if (typeof found === "string" && found !== "") return found;
  }
  return null;
}

/** A token count: plain attributes of every family first, then JSON strings (parsed only then). */
export function readCount(conventions: readonly Convention[], attributes: Attributes, field: UsageField, json: JsonAttributes): string | null {
  for (const convention of conventions) {
    const keys = convention.usage?.[field];
    if (keys === undefined) continue;
    const count = firstCount([attributes], keys);
    if (count !== null) return count;
  }
  for (const convention of conventions) {
    for (const source of convention.json ?? []) {
      const paths = source.usage?.[field];
      if (paths === undefined || !(source.attribute in attributes)) continue;
      const count = countAtPaths(json.get(source), paths);
      if (count !== null) return count;
    }
  }
  return null;
}

type KeyList = "responseModel" | "requestModel" | "provider" | "cost" | "input" | "output";

/** The first present value under a family's key list, families in order. */
export function readValue(conventions: readonly Convention[], attributes: Attributes, list: KeyList): AttributeValue | null {
  for (const convention of conventions) {
    const keys = convention[list];
    if (keys === undefined) continue;
    const value = firstValue([attributes], keys);
    if (value !== null) return value;
  }
  return null;
}

/** The first non-empty string under a family's key list. */
export function readString(conventions: readonly Convention[], attributes: Attributes, list: KeyList): string | null {
  for (const convention of conventions) {
    const keys = convention[list];
    if (keys === undefined) continue;
    const value = firstString([attributes], keys);
    if (value !== null) return value;
  }
  return null;
}

/** The requested model: attributes first, then models named inside JSON strings. */
export function readRequestModel(conventions: readonly Convention[], attributes: Attributes): string | null {
  const plain = readString(conventions, attributes, "requestModel");
  if (plain !== null) return plain;
  const json = new JsonAttributes(attributes);
  for (const convention of conventions) {
    for (const source of convention.json ?? []) {
      if (source.model === undefined || !(source.attribute in attributes)) continue;
      const model = stringAtPaths(json.get(source), source.model);
      if (model !== null) return model;
    }
  }
  return null;
}

/** The provider a family's attribute names, through its `providerOf`. */
export function readProvider(conventions: readonly Convention[], attributes: Attributes): string | null {
  for (const convention of conventions) {
    const value = convention.provider === undefined ? null : firstString([attributes], convention.provider);
    if (value === null) continue;
    const provider = convention.providerOf ? convention.providerOf(value) : value;
    if (provider !== null) return provider;
  }
  return null;
}

/** A cost the span reports itself, as a decimal string with at most `integerDigits` before the point. */
export function readCost(conventions: readonly Convention[], attributes: Attributes, integerDigits: number): string | null {
  for (const convention of conventions) {
    for (const key of convention.cost ?? []) {
      const cost = parseDecimal(attributes[key], integerDigits);
      if (cost !== null) return cost;
    }
  }
  return null;
}
