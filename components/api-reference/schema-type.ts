import { schemaAnchor, schemaRefName } from "@/components/api-reference/anchors";
import type { Schema } from "@/components/api-reference/types";

/** One piece of a displayed type; `href` links a referenced component schema. */
export interface TypePart {
  text: string;
  href?: string;
}

type Json = Record<string, unknown>;
interface Rendered {
  parts: TypePart[];
  /** A top-level `A | B`: wrapped in parentheses before `[]`. */
  union: boolean;
}

const plain = (text: string): Rendered => ({ parts: [{ text }], union: false });
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** An enum or const value as TypeScript would write it: `"day"`, `3`, `null`. */
export const literal = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : value === null ? "null" : JSON.stringify(value) ?? "undefined");

function join(members: Rendered[], separator: string): Rendered {
  // `anyOf: [{type: string, maxLength: 9}, {type: string}]` shows one `string`.
  const seen = new Set<string>();
  const unique = members.filter((m) => {
    const key = typeText(m.parts);
    return seen.has(key) ? false : (seen.add(key), true);
  });
  if (unique.length === 1) return unique[0]!;
  const parts = unique.flatMap((m, i) => (i === 0 ? m.parts : [{ text: separator }, ...m.parts]));
  return { parts, union: unique.length > 1 };
}

function arrayOf(items: unknown): Rendered {
  if (Array.isArray(items)) return plain("unknown[]");
  const inner = render(items === undefined ? true : (items as Schema));
  const parts = inner.union ? [{ text: "(" }, ...inner.parts, { text: ")[]" }] : [...inner.parts, { text: "[]" }];
  return { parts, union: false };
}

function objectType(schema: Json): Rendered {
  const properties = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
  const extra = schema.additionalProperties;
  if (properties.length === 0 && (isRecord(extra) || extra === true)) {
    const value = render(extra as Schema);
    return { parts: [{ text: "Record<string, " }, ...value.parts, { text: ">" }], union: false };
  }
  return plain("object");
}

function render(schema: Schema): Rendered {
  if (schema === true) return plain("unknown");
  if (schema === false) return plain("never");
  if (typeof schema.$ref === "string") {
    const name = schemaRefName(schema.$ref);
    if (name) return { parts: [{ text: name, href: `#${schemaAnchor(name)}` }], union: false };
    return plain(schema.$ref.split("/").pop() || schema.$ref);
  }
  if ("const" in schema) return plain(literal(schema.const));
  if (Array.isArray(schema.enum)) return join(schema.enum.map((v) => plain(literal(v))), " | ");
  for (const key of ["anyOf", "oneOf"] as const) {
    const members = schema[key];
    if (Array.isArray(members) && members.length > 0) return join((members as Schema[]).map(render), " | ");
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return join((schema.allOf as Schema[]).map(render), " & ");
  if (Array.isArray(schema.type)) return join(schema.type.map((type) => render({ ...schema, type })), " | ");
  switch (schema.type) {
    case "array":
      return arrayOf(schema.items ?? (Array.isArray(schema.prefixItems) ? [] : undefined));
    case "object":
      return objectType(schema);
    case undefined:
      return isRecord(schema.properties) || schema.additionalProperties !== undefined ? objectType(schema) : plain("unknown");
    default:
      return plain(String(schema.type));
  }
}

/** The type of a schema as parts (links for `$ref`s): `RunView[]`, `string | null`, `Record<string, number>`. */
export function schemaType(schema: Schema | undefined): TypePart[] {
  return render(schema ?? true).parts;
}

/** The parts as one string. */
export const typeText = (parts: TypePart[]) => parts.map((p) => p.text).join("");

/**
 * The inline object schema worth a nested table: the schema itself, an array's items, a
 * union's member or a map's values when that is an object with properties of its own.
 */
export function inlineObject(schema: Schema | undefined, depth = 0): Json | undefined {
  if (!isRecord(schema) || depth > 4 || typeof schema.$ref === "string") return undefined;
  if (isRecord(schema.properties) && Object.keys(schema.properties).length > 0) return schema;
  const candidates = [
    schema.items,
    ...(Array.isArray(schema.anyOf) ? schema.anyOf : []),
    ...(Array.isArray(schema.oneOf) ? schema.oneOf : []),
    ...(Array.isArray(schema.allOf) ? schema.allOf : []),
    schema.additionalProperties,
  ];
  for (const candidate of candidates) {
    const found = inlineObject(candidate as Schema | undefined, depth + 1);
    if (found) return found;
  }
  return undefined;
}
