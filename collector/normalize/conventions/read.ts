import type { Attributes, AttributeValue } from "@/collector/decode/model";
import { firstCount, firstString, firstValue, parseCount, parseDecimal } from "@/collector/normalize/attributes";
import type { JsonPath, JsonSource, UsageField } from "@/collector/normalize/conventions";
import type { ConventionTable } from "@/collector/normalize/conventions/table";

/** JSON string attributes of one span, each parsed at most once, and only if small enough. */
export class JsonAttributes {
  // Most spans have no JSON to read: the map is made on first use.
  private parsed: Map<string, unknown> | undefined;

  constructor(private readonly attributes: Attributes) {}

  get(source: JsonSource): unknown {
    this.parsed ??= new Map();
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
export function readCount(table: ConventionTable, attributes: Attributes, field: UsageField, json: JsonAttributes): string | null {
  const plain = firstCount([attributes], table.usage[field]);
  if (plain !== null) return plain;
  for (const { source, paths } of table.usageJson[field]) {
    if (!(source.attribute in attributes)) continue;
    const count = countAtPaths(json.get(source), paths);
    if (count !== null) return count;
  }
  return null;
}

type KeyList = "responseModel" | "requestModel" | "cost" | "input" | "output";

/** The first present value under one of the table's key lists. */
export function readValue(table: ConventionTable, attributes: Attributes, list: KeyList): AttributeValue | null {
  return firstValue([attributes], table[list]);
}

/** The first non-empty string under one of the table's key lists. */
export function readString(table: ConventionTable, attributes: Attributes, list: KeyList): string | null {
  return firstString([attributes], table[list]);
}

/** The requested model: attributes first, then models named inside JSON strings. */
export function readRequestModel(table: ConventionTable, attributes: Attributes): string | null {
  const plain = readString(table, attributes, "requestModel");
  if (plain !== null) return plain;
  const json = new JsonAttributes(attributes);
  for (const { source, paths } of table.modelJson) {
    if (!(source.attribute in attributes)) continue;
    const model = stringAtPaths(json.get(source), paths);
    if (model !== null) return model;
  }
  return null;
}

/** The provider an attribute names, through its family's `providerOf`. */
export function readProvider(table: ConventionTable, attributes: Attributes): string | null {
  for (const { key, providerOf } of table.provider) {
    const value = attributes[key];
    if (typeof value !== "string" || value === "") continue;
    const provider = providerOf ? providerOf(value) : value;
    if (provider !== null) return provider;
  }
  return null;
}

/** A cost the span reports itself, as a decimal string with at most `integerDigits` before the point. */
export function readCost(table: ConventionTable, attributes: Attributes, integerDigits: number): string | null {
  for (const key of table.cost) {
    const cost = parseDecimal(attributes[key], integerDigits);
    if (cost !== null) return cost;
  }
  return null;
}
