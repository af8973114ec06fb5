import type { DecodedSpanEvent } from "@/collector/decode/model";
import { jsonOrText, type Conversation, type Message } from "@/collector/normalize/content/message";
import type { JsonValue } from "@/lib/db/types";

interface EventShape {
  side: "input" | "output";
  role: string;
  /** Attributes holding the message, first present wins. */
  content: readonly string[];
}

/**
 * Span events that carry one message each: the GenAI message events (Semantic Kernel, Strands,
 * older OTel instrumentations) and OpenLIT's content events.
 */
const MESSAGE_EVENTS: Record<string, EventShape> = {
  "gen_ai.system.message": { side: "input", role: "system", content: ["content"] },
  "gen_ai.user.message": { side: "input", role: "user", content: ["content"] },
  "gen_ai.assistant.message": { side: "input", role: "assistant", content: ["content"] },
  "gen_ai.tool.message": { side: "input", role: "tool", content: ["content"] },
  "gen_ai.choice": { side: "output", role: "assistant", content: ["message", "content"] },
  "gen_ai.content.prompt": { side: "input", role: "user", content: ["gen_ai.prompt"] },
  "gen_ai.content.completion": { side: "output", role: "assistant", content: ["gen_ai.completion"] },
};

/** The OTel GenAI event that carries the whole exchange as message lists. */
const DETAILS_EVENT = "gen_ai.client.inference.operation.details";

function messageOf(event: DecodedSpanEvent, shape: EventShape): Message | null {
  const raw = shape.content.map((key) => event.attributes[key]).find((value) => value !== undefined && value !== null && value !== "");
  if (raw === undefined) return null;
  const content: JsonValue = typeof raw === "string" ? jsonOrText(raw) : (raw as JsonValue);
  const role = typeof event.attributes.role === "string" ? event.attributes.role : shape.role;
  // A choice may hold a whole message ({"role": ..., "content" or "tool_calls": ...}): keep it as it is.
  if (content !== null && typeof content === "object" && !Array.isArray(content) && typeof content.role === "string") {
    return { ...content, role: content.role };
  }
  return { role, content };
}

/** Input and output messages carried by a span's events. */
export function eventMessages(events: readonly DecodedSpanEvent[]): Conversation & { details: { input: string | null; output: string | null } } {
  const result = { input: [] as Message[], output: [] as Message[], details: { input: null as string | null, output: null as string | null } };
  for (const event of events) {
    if (event.name === DETAILS_EVENT) {
      const input = event.attributes["gen_ai.input.messages"];
      const output = event.attributes["gen_ai.output.messages"];
      if (typeof input === "string" && input !== "") result.details.input ??= input;
      if (typeof output === "string" && output !== "") result.details.output ??= output;
      continue;
    }
    const shape = MESSAGE_EVENTS[event.name];
    if (shape === undefined) continue;
    const message = messageOf(event, shape);
    if (message !== null) result[shape.side].push(message);
  }
  return result;
}
