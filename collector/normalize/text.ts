import type { Attributes } from "@/collector/decode/model";
import { asText } from "@/collector/normalize/attributes";
import { tableFor, type ConventionTable } from "@/collector/normalize/conventions/table";
import { readValue } from "@/collector/normalize/conventions/read";

/** The span's input payload as text (non-string values as JSON), or null. */
export function extractInputText(attributes: Attributes, table: ConventionTable = tableFor(attributes)): string | null {
  return asText(readValue(table, attributes, "input"));
}

/** The span's output payload as text (non-string values as JSON), or null. */
export function extractOutputText(attributes: Attributes, table: ConventionTable = tableFor(attributes)): string | null {
  return asText(readValue(table, attributes, "output"));
}
