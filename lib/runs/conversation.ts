/**
 * LLM input and output payloads as a conversation, whichever way the SDK wrote the messages:
 * OTel GenAI `parts`, OpenAI `content` and `tool_calls`, Anthropic and Bedrock/Strands content
 * blocks, or the collector's own assembled messages. Null when the payload is not a list of messages.
 */
export type ChatPart =
  | { kind: "text"; text: string }
  | { kind: "tool_call"; name: string; arguments: string; id: string | null }
  | { kind: "tool_result"; id: string | null; text: string };

export interface ChatMessage {
  role: string;
  parts: ChatPart[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject => value !== null && typeof value === "object" && !Array.isArray(value);
const str = (value: Json | undefined): string | null => (typeof value === "string" ? value : null);
/** Text as is, anything else as compact JSON. */
const show = (value: Json | undefined): string => (typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value));

function toolCall(name: Json | undefined, args: Json | undefined, id: Json | undefined): ChatPart {
  return { kind: "tool_call", name: str(name) ?? "?", arguments: show(args), id: str(id) };
}

/** One content block of any of the known shapes. */
function block(part: Json): ChatPart | null {
  if (typeof part === "string") return { kind: "text", text: part };
  if (!isObject(part)) return null;
  const type = str(part.type);
  if (isObject(part.toolUse)) return toolCall(part.toolUse.name, part.toolUse.input, part.toolUse.toolUseId);
  if (isObject(part.toolResult)) return { kind: "tool_result", id: str(part.toolResult.toolUseId), text: contentText(part.toolResult.content) };
  if (type === "tool_call" || type === "tool_use" || type === "function_call") return toolCall(part.name, part.arguments ?? part.input, part.id ?? part.call_id);
  if (type === "tool_call_response" || type === "tool_result") {
    return { kind: "tool_result", id: str(part.id) ?? str(part.tool_use_id), text: contentText(part.response ?? part.result ?? part.content) };
  }
  const text = str(part.content) ?? str(part.text);
  if (text !== null && (type === null || type === "text")) return { kind: "text", text };
  return { kind: "text", text: JSON.stringify(part) };
}

function contentText(content: Json | undefined): string {
  if (Array.isArray(content)) return content.map((part) => (isObject(part) ? (str(part.text) ?? show(part)) : show(part))).join("\n");
  return show(content);
}

function contentParts(content: Json | undefined): ChatPart[] {
  if (content === undefined || content === null || content === "") return [];
  if (Array.isArray(content)) return content.map(block).filter((part): part is ChatPart => part !== null);
  return [{ kind: "text", text: show(content) }];
}

function message(value: Json): ChatMessage | null {
  if (!isObject(value) || typeof value.role !== "string") return null;
  const parts = Array.isArray(value.parts) ? contentParts(value.parts) : contentParts(value.content);
  const toolCallId = str(value.tool_call_id);
  if (toolCallId !== null) return { role: value.role, parts: [{ kind: "tool_result", id: toolCallId, text: parts.map((part) => ("text" in part ? part.text : "")).join("\n") }] };
  if (Array.isArray(value.tool_calls)) {
    for (const call of value.tool_calls) {
      if (!isObject(call)) continue;
      const fn = isObject(call.function) ? call.function : call;
      parts.push(toolCall(fn.name, fn.arguments, call.id));
    }
  }
  return { role: value.role, parts };
}

/** The payload as a conversation, or null when it is something else. */
export function parseConversation(text: string | null): ChatMessage[] | null {
  if (text === null) return null;
  const trimmed = text.trim();
  if (!trimmed.startsWith("[") && !trimmed.startsWith("{")) return null;
  let value: Json;
  try {
    value = JSON.parse(trimmed) as Json;
  } catch {
    return null;
  }
  const list = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.messages) ? value.messages : isObject(value) && "role" in value ? [value] : null;
  if (list === null || list.length === 0) return null;
  const messages = list.map(message);
  return messages.every((entry): entry is ChatMessage => entry !== null) ? messages : null;
}
