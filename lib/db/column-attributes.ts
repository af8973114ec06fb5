import type { JsonObject } from "@/lib/db/types";
import { attributesWithout } from "@/lib/db/attributes-without";

/** The text columns of `spans` an attribute can be stored in instead of `attributes`. */
export type AttributeColumn =
  | "run_id" | "workload_id" | "workload_name" | "workload_version" | "workload_logic_id" | "deployment_id"
  | "node_name" | "node_role" | "nodespec_id" | "model_vendor" | "model_name" | "request_model";

/**
 * Attributes whose string value a span's column often holds unchanged (Codon's identity
 * attributes above all: ~450 bytes a span). When it does, the attribute is left out of the
 * stored `attributes` and bit `i` of `spans.column_attributes` says so; reads put it back from
 * the column. Stored rows depend on these positions: only ever append.
 */
export const COLUMN_ATTRIBUTES: readonly { key: string; column: AttributeColumn }[] = [
  { key: "codon.workload.run_id", column: "run_id" },
  { key: "codon.workload.id", column: "workload_id" },
  { key: "codon.workload.name", column: "workload_name" },
  { key: "codon.workload.version", column: "workload_version" },
  { key: "codon.workload.logic_id", column: "workload_logic_id" },
  { key: "codon.workload.deployment_id", column: "deployment_id" },
  { key: "codon.nodespec.id", column: "nodespec_id" },
  { key: "codon.nodespec.name", column: "node_name" },
  { key: "codon.nodespec.role", column: "node_role" },
  { key: "codon.model.vendor", column: "model_vendor" },
  { key: "codon.model.id", column: "model_name" },
  { key: "gen_ai.request.model", column: "request_model" },
  { key: "gen_ai.response.model", column: "model_name" },
];

type ColumnValues = { [column in AttributeColumn]?: string | null };

/** The attributes to store and the bits of the ones left out because their column holds the same text. */
export function attributesBesideColumns(attributes: JsonObject, columns: ColumnValues): { attributes: JsonObject; column_attributes: number } {
  let bits = 0;
  for (let i = 0; i < COLUMN_ATTRIBUTES.length; i++) {
    const { key, column } = COLUMN_ATTRIBUTES[i]!;
    const value = attributes[key];
    if (typeof value === "string" && value === columns[column]) bits |= 1 << i;
  }
  if (bits === 0) return { attributes, column_attributes: 0 };
  return { attributes: attributesWithout(attributes, (key) => isLeftOut(key, bits)), column_attributes: bits };
}

function isLeftOut(key: string, bits: number): boolean {
  for (let i = 0; i < COLUMN_ATTRIBUTES.length; i++) if (bits & (1 << i) && COLUMN_ATTRIBUTES[i]!.key === key) return true;
  return false;
}

/** The stored attributes with the ones `column_attributes` left out put back from their columns. */
export function attributesWithColumns(attributes: JsonObject, bits: number, columns: ColumnValues): JsonObject {
  if (bits === 0) return attributes;
  const restored: JsonObject = { ...attributes };
  for (let i = 0; i < COLUMN_ATTRIBUTES.length; i++) {
    if (!(bits & (1 << i))) continue;
    const { key, column } = COLUMN_ATTRIBUTES[i]!;
    const value = columns[column];
    if (typeof value === "string") restored[key] = value;
  }
  return restored;
}
