import type { Attributes, DecodedSpan } from "@/collector/decode/model";
import { asText } from "@/collector/normalize/attributes";
import { tableFor, type ConventionTable } from "@/collector/normalize/conventions/table";
import { readValue } from "@/collector/normalize/conventions/read";
import { assembledContent } from "@/collector/normalize/content";

/** The span's input payload as text (non-string values as JSON), or null. */
export function extractInputText(attributes: Attributes, table: ConventionTable = tableFor(attributes)): string | null {
  return asText(readValue(table, attributes, "input"));
}

/** The span's output payload as text (non-string values as JSON), or null. */
export function extractOutputText(attributes: Attributes, table: ConventionTable = tableFor(attributes)): string | null {
  return asText(readValue(table, attributes, "output"));
}

/** The span's input and output text: from attributes, else assembled from its events or indexed messages. */
export function extractContent(span: DecodedSpan, table: ConventionTable = tableFor(span.attributes)): { input_text: string | null; output_text: string | null } {
  const input = extractInputText(span.attributes, table);
  const output = extractOutputText(span.attributes, table);
  if (input !== null && output !== null) return { input_text: input, output_text: output };
  const assembled = assembledContent(span.attributes, span.events);
  return { input_text: input ?? assembled.input, output_text: output ?? assembled.output };
}
