import type { JsonValue } from "@/lib/db/types";

/**
 * One message of a conversation, as the collector stores content it assembled itself: a role,
 * `content`, and `tool_calls` ({id, name, arguments}), or a whole message an event carried as is.
 */
export type Message = { role: string } & { [key: string]: JsonValue };

/** Text that holds JSON (content attributes often do) as that JSON, else the text. */
export function jsonOrText(text: string): JsonValue {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return text;
  try {
    return JSON.parse(trimmed) as JsonValue;
  } catch {
    return text;
  }
}

/** Input and output assembled from one source, either possibly empty. */
export interface Conversation {
  input: Message[];
  output: Message[];
}

export const asJsonText = (messages: readonly Message[]): string | null => (messages.length === 0 ? null : JSON.stringify(messages));
