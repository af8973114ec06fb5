import type { Attributes, DecodedSpan } from "@/collector/decode/model";
import { asText } from "@/collector/normalize/attributes";
import { tableFor, type ConventionTable } from "@/collector/normalize/conventions/table";
import { readValue } from "@/collector/normalize/conventions/read";
import { assembledContent } from "@/collector/normalize/content";
import { attributesWithout } from "@/lib/db/attributes-without";

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

/** Where a span's input and output text was read from, when it can be stored once. */
export interface PayloadSources {
  input_attribute: string | null;
  output_attribute: string | null;
}

/**
 * The attribute the text under `list` was read from, when the text is that attribute's string
 * value unchanged: the attribute can then be left out of the stored attributes and put back on
 * read, losing nothing. Null otherwise (a structured value, or text assembled from events).
 */
function payloadSource(attributes: Attributes, table: ConventionTable, list: "input" | "output", text: string | null): string | null {
  if (text === null) return null;
  for (const key of table[list]) {
    const value = attributes[key];
    if (value === undefined || value === null || value === "") continue;
    return value === text ? key : null;
  }
  return null;
}

/** The span's attributes as stored: without the ones its input and output text hold already. */
export function storedPayload(attributes: Attributes, table: ConventionTable, content: { input_text: string | null; output_text: string | null }): PayloadSources & { attributes: Attributes } {
  const input = payloadSource(attributes, table, "input", content.input_text);
  const output = payloadSource(attributes, table, "output", content.output_text);
  if (input === null && output === null) return { attributes, input_attribute: null, output_attribute: null };
  const stored = attributesWithout(attributes, (key) => key === input || key === output);
  // One key cannot be put back as two texts: keep output's only when it is another attribute.
  return { attributes: stored, input_attribute: input, output_attribute: output === input ? null : output };
}
