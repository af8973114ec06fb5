import type { Attributes } from "@/collector/decode/model";
import { asText } from "@/collector/normalize/attributes";
import type { Convention } from "@/collector/normalize/conventions";
import { conventionsFor, readValue } from "@/collector/normalize/conventions/read";

/** The span's input payload as text (non-string values as JSON), or null. */
export function extractInputText(attributes: Attributes, conventions: readonly Convention[] = conventionsFor(attributes)): string | null {
  return asText(readValue(conventions, attributes, "input"));
}

/** The span's output payload as text (non-string values as JSON), or null. */
export function extractOutputText(attributes: Attributes, conventions: readonly Convention[] = conventionsFor(attributes)): string | null {
  return asText(readValue(conventions, attributes, "output"));
}
