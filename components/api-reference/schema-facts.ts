import { literal } from "@/components/api-reference/schema-type";
import type { Schema } from "@/components/api-reference/types";

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function range(schema: Json, low: string, high: string, what: string): string | undefined {
  const min = schema[low];
  const max = schema[high];
  if (typeof min === "number" && typeof max === "number") return `${what}${min}–${max}`;
  if (typeof min === "number") return `${what}≥ ${min}`;
  if (typeof max === "number") return `${what}≤ ${max}`;
  return undefined;
}

function ownFacts(schema: Json): string[] {
  const facts = [
    typeof schema.format === "string" ? `format: ${schema.format}` : undefined,
    "default" in schema ? `default: ${literal(schema.default)}` : undefined,
    typeof schema.pattern === "string" ? `pattern: ${schema.pattern}` : undefined,
    range(schema, "minimum", "maximum", ""),
    typeof schema.exclusiveMinimum === "number" ? `> ${schema.exclusiveMinimum}` : undefined,
    typeof schema.exclusiveMaximum === "number" ? `< ${schema.exclusiveMaximum}` : undefined,
    range(schema, "minLength", "maxLength", "length "),
    range(schema, "minItems", "maxItems", "items "),
    schema.deprecated === true ? "deprecated" : undefined,
  ];
  return facts.filter((fact): fact is string => fact !== undefined);
}

/**
 * Constraints worth telling a caller, from the schema and the members of its union:
 * `default: "day"`, `pattern: ^[0-9a-f]{64}$`, `1–500`, `length ≤ 200`.
 */
export function schemaFacts(schema: Schema | undefined): string[] {
  if (!isRecord(schema)) return [];
  const members = [schema, ...[schema.anyOf, schema.oneOf].flatMap((m) => (Array.isArray(m) ? m.filter(isRecord) : []))];
  return [...new Set(members.flatMap(ownFacts))];
}
