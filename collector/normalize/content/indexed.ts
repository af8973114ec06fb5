import type { Attributes, AttributeValue } from "@/collector/decode/model";
import { jsonOrText, type Message } from "@/collector/normalize/content/message";
import type { JsonValue } from "@/lib/db/types";

/**
 * Flattened message lists: OpenLLMetry's `gen_ai.prompt.<n>.role` / `.content` (or `.content.<m>.text`,
 * or `gen_ai.completion.<n>.text` in older Strands), and OpenInference's
 * `llm.input_messages.<n>.message.role` / `.content` with `.tool_calls.<m>.tool_call.function.*`.
 */
export const INDEXED_FAMILIES = [
  { input: "gen_ai.prompt.", output: "gen_ai.completion.", inner: "" },
  { input: "llm.input_messages.", output: "llm.output_messages.", inner: "message." },
] as const;

const TOOL_CALL = /^tool_calls\.(\d+)\.(?:tool_call\.)?(?:function\.)?(id|name|arguments)$/;
const CONTENT_PART = /^content(?:s)?\.(\d+)\.(?:message_content\.)?text$/;
/** Indexes past this are ignored: attribute counts are bounded, but an index is just a number. */
const MAX_INDEX = 1_000;

interface Draft {
  role?: string;
  content?: string;
  parts: string[];
  calls: Map<number, { id?: string; name?: string; arguments?: AttributeValue }>;
}

function draftMessage(drafts: Map<number, Draft>, index: number): Draft {
  let draft = drafts.get(index);
  if (draft === undefined) {
    draft = { parts: [], calls: new Map() };
    drafts.set(index, draft);
  }
  return draft;
}

function place(draft: Draft, field: string, value: AttributeValue): void {
  if (field === "role" && typeof value === "string") draft.role = value;
  else if ((field === "content" || field === "text") && typeof value === "string") draft.content = value;
  else {
    const part = CONTENT_PART.exec(field);
    if (part && typeof value === "string") {
      draft.parts[Number(part[1])] = value;
      return;
    }
    const call = TOOL_CALL.exec(field);
    if (call) {
      const entry = draft.calls.get(Number(call[1])) ?? {};
      entry[call[2] as "id" | "name" | "arguments"] = value as string;
      draft.calls.set(Number(call[1]), entry);
    }
  }
}

/** The messages under one prefix, in index order; empty when there are none. */
export function indexedMessages(attributes: Attributes, prefix: string, inner: string, defaultRole: string): Message[] {
  const drafts = new Map<number, Draft>();
  for (const key in attributes) {
    if (!key.startsWith(prefix)) continue;
    const rest = key.slice(prefix.length);
    const dot = rest.indexOf(".");
    const index = Number(rest.slice(0, dot));
    if (dot <= 0 || !Number.isInteger(index) || index < 0 || index > MAX_INDEX) continue;
    let field = rest.slice(dot + 1);
    if (inner !== "") {
      if (!field.startsWith(inner)) continue;
      field = field.slice(inner.length);
    }
    place(draftMessage(drafts, index), field, attributes[key]!);
  }
  return [...drafts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, draft]) => {
      const text = draft.content ?? draft.parts.filter((part) => part !== undefined).join("\n");
      const message: Message = { role: draft.role ?? defaultRole };
      if (text !== "") message.content = jsonOrText(text);
      if (draft.calls.size > 0) {
        message.tool_calls = [...draft.calls.entries()]
          .sort(([a], [b]) => a - b)
          .map(([, call]) => ({ ...call, ...(typeof call.arguments === "string" ? { arguments: jsonOrText(call.arguments) } : {}) }) as JsonValue);
      }
      return message;
    });
}
