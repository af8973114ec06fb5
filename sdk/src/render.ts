/** The Codon SDK truncates `codon.node.input` / `codon.node.output` to this many characters. */
export const MAX_RENDERED_LENGTH = 2048;

/**
 * Payload text for telemetry and ledger metadata: strings as they are, anything else as JSON
 * (bigints as digits), falling back to String() for what JSON cannot hold (cycles, functions).
 * Longer text is cut to `maxLength` with a trailing `...`, as the Python SDK does.
 */
export function renderPayload(value: unknown, maxLength = MAX_RENDERED_LENGTH): string {
  return truncate(toText(value), maxLength);
}

function toText(value: unknown): string {
  if (typeof value === "string") return value;
  try {
    const json = JSON.stringify(value, (_key, item: unknown) => (typeof item === "bigint" ? item.toString() : item));
    return json === undefined ? String(value) : json;
  } catch {
    return String(value);
  }
}

function truncate(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = Math.max(0, maxLength - 3);
  // Never cut between the two halves of a surrogate pair.
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}...`;
}
