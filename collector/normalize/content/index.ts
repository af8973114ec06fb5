import type { DecodedSpanEvent, Attributes } from "@/collector/decode/model";
import { eventMessages } from "@/collector/normalize/content/events";
import { INDEXED_FAMILIES, indexedMessages } from "@/collector/normalize/content/indexed";
import { asJsonText } from "@/collector/normalize/content/message";

/**
 * A span's input and output when no attribute holds them whole: the exchange from its events,
 * else from indexed message attributes, as JSON text of messages (role, content, tool calls).
 */
export function assembledContent(attributes: Attributes, events: readonly DecodedSpanEvent[]): { input: string | null; output: string | null } {
  let input: string | null = null;
  let output: string | null = null;
  if (events.length > 0) {
    const fromEvents = eventMessages(events);
    input = fromEvents.details.input ?? asJsonText(fromEvents.input);
    output = fromEvents.details.output ?? asJsonText(fromEvents.output);
  }
  for (const family of INDEXED_FAMILIES) {
    if (input !== null && output !== null) break;
    input ??= asJsonText(indexedMessages(attributes, family.input, family.inner, "user"));
    output ??= asJsonText(indexedMessages(attributes, family.output, family.inner, "assistant"));
  }
  return { input, output };
}
