import type { JsonObject } from "@/lib/db/types";
import { attributesWithout } from "@/lib/db/attributes-without";

/** The node_specs columns a span's `codon.nodespec.*` attribute can be stored in instead of `attributes`. */
export type SpecColumn = "spec_version" | "callable_signature" | "input_schema" | "output_schema" | "model_name" | "model_version";

export type SpecValues = { [column in SpecColumn]: string | null };

/**
 * A Codon node span repeats its node's spec on every activation (signature, schemas, model:
 * ~270 bytes a span). When the tenant's node_specs row for the span's nodespec id holds an
 * attribute's string unchanged, the attribute is left out of `spans.attributes` and bit
 * `SPEC_ATTRIBUTES_FIRST_BIT + i` of `spans.column_attributes` says so; reads put it back from
 * the row. node_specs rows are only ever inserted (first writer wins) and go only with their
 * tenant, so what a bit points to never changes. Stored rows depend on these positions: only append.
 */
export const SPEC_ATTRIBUTES: readonly { key: string; column: SpecColumn }[] = [
  { key: "codon.nodespec.version", column: "spec_version" },
  { key: "codon.nodespec.callable_signature", column: "callable_signature" },
  { key: "codon.nodespec.input_schema", column: "input_schema" },
  { key: "codon.nodespec.output_schema", column: "output_schema" },
  { key: "codon.nodespec.model_name", column: "model_name" },
  { key: "codon.nodespec.model_version", column: "model_version" },
];

/** Above lib/db/column-attributes.ts's bits (13 used), with room for that list to grow. */
export const SPEC_ATTRIBUTES_FIRST_BIT = 20;
const SPEC_MASK = ((1 << SPEC_ATTRIBUTES.length) - 1) << SPEC_ATTRIBUTES_FIRST_BIT;

/** Whether any attribute of the span was left out for its node spec (reads then need that spec). */
export const hasSpecAttributes = (columnAttributes: number): boolean => (columnAttributes & SPEC_MASK) !== 0;

/** The attributes to store and `columnAttributes` with the bits of those its stored spec holds unchanged. */
export function attributesBesideSpec(attributes: JsonObject, columnAttributes: number, spec: SpecValues): { attributes: JsonObject; column_attributes: number } {
  let bits = 0;
  for (let i = 0; i < SPEC_ATTRIBUTES.length; i++) {
    const { key, column } = SPEC_ATTRIBUTES[i]!;
    const value = attributes[key];
    if (typeof value === "string" && value === spec[column]) bits |= 1 << (SPEC_ATTRIBUTES_FIRST_BIT + i);
  }
  if (bits === 0) return { attributes, column_attributes: columnAttributes };
  const leftOut = new Set(SPEC_ATTRIBUTES.filter((_, i) => bits & (1 << (SPEC_ATTRIBUTES_FIRST_BIT + i))).map((a) => a.key));
  return { attributes: attributesWithout(attributes, leftOut), column_attributes: columnAttributes | bits };
}

/** The stored attributes with the ones left out for the spec put back from it. */
export function attributesWithSpec(attributes: JsonObject, columnAttributes: number, spec: SpecValues | undefined): JsonObject {
  if (!hasSpecAttributes(columnAttributes) || spec === undefined) return attributes;
  const restored: JsonObject = { ...attributes };
  for (let i = 0; i < SPEC_ATTRIBUTES.length; i++) {
    if (!(columnAttributes & (1 << (SPEC_ATTRIBUTES_FIRST_BIT + i)))) continue;
    const { key, column } = SPEC_ATTRIBUTES[i]!;
    const value = spec[column];
    if (value !== null) restored[key] = value;
  }
  return restored;
}
