// Text for the replay panel, bounded so one huge payload cannot stall a step.
import { ENTRY_NODE } from "@/lib/runs/lineage";

export const MAX_PANEL_CHARS = 4000;

/** `entry → draft → review`; a long lineage keeps its two first and its last nodes around a count of the rest. */
export function lineageChain(lineage: readonly string[], max = 12): string {
  const names = lineage.map((name) => (name === ENTRY_NODE ? "entry" : name));
  if (names.length <= max) return names.join(" → ");
  const tail = Math.max(1, max - 3);
  return [...names.slice(0, 2), `… ${names.length - 2 - tail} more`, ...names.slice(-tail)].join(" → ");
}

/** At most `max` characters of `text`, and how many were left out. */
export function bounded(text: string, max = MAX_PANEL_CHARS): { text: string; omitted: number } {
  return text.length <= max ? { text, omitted: 0 } : { text: text.slice(0, max), omitted: text.length - max };
}

/** Pretty JSON of a value, bounded; text that is itself JSON (the SDK's `payload_repr`) is pretty-printed too. */
export function prettyJson(value: unknown, max = MAX_PANEL_CHARS): { text: string; omitted: number } {
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        return bounded(JSON.stringify(JSON.parse(trimmed), null, 2), max);
      } catch {
        // not JSON after all: shown as it is
      }
    }
    return bounded(value, max);
  }
  return bounded(JSON.stringify(value, null, 2) ?? String(value), max);
}

/** The SDK puts the token's rendered payload in `payload_repr`; the panel shows it apart from the rest. */
export function splitMetadata(metadata: Record<string, unknown>): { payload: unknown; rest: Record<string, unknown> | null } {
  const { payload_repr: payload, ...rest } = metadata;
  return { payload: payload ?? null, rest: Object.keys(rest).length > 0 ? rest : null };
}
