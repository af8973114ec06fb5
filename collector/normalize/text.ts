import type { Attributes } from "@/collector/decode/model";
import { asText, firstValue } from "@/collector/normalize/attributes";

export const INPUT_TEXT_KEYS = [
  "codon.node.input",
  "input.value",
  "gen_ai.input.messages",
  "codon.instrumentation.langgraph.node.inputs",
] as const;

export const OUTPUT_TEXT_KEYS = [
  "codon.node.output",
  "output.value",
  "gen_ai.output.messages",
  "codon.instrumentation.langgraph.node.outputs",
] as const;

/** The span's input payload as text (non-string values as JSON), or null. */
export function extractInputText(attributes: Attributes): string | null {
  return asText(firstValue([attributes], INPUT_TEXT_KEYS));
}

/** The span's output payload as text (non-string values as JSON), or null. */
export function extractOutputText(attributes: Attributes): string | null {
  return asText(firstValue([attributes], OUTPUT_TEXT_KEYS));
}
