import { describe, expect, it } from "vitest";
import { parseConversation } from "@/lib/runs/conversation";

describe("parseConversation", () => {
  it("reads OTel GenAI parts: text, tool calls and tool responses", () => {
    const text = JSON.stringify([
      { role: "user", parts: [{ type: "text", content: "weather in Oslo?" }] },
      { role: "assistant", parts: [{ type: "tool_call", id: "c1", name: "weather", arguments: { city: "Oslo" } }] },
      { role: "tool", parts: [{ type: "tool_call_response", id: "c1", response: "rain" }] },
    ]);
    expect(parseConversation(text)).toEqual([
      { role: "user", parts: [{ kind: "text", text: "weather in Oslo?" }] },
      { role: "assistant", parts: [{ kind: "tool_call", name: "weather", arguments: '{"city":"Oslo"}', id: "c1" }] },
      { role: "tool", parts: [{ kind: "tool_result", id: "c1", text: "rain" }] },
    ]);
  });

  it("reads OpenAI messages (in an object's messages too), tool calls and tool results", () => {
    const text = JSON.stringify({
      messages: [
        { role: "system", content: "terse" },
        { role: "assistant", content: null, tool_calls: [{ id: "t9", type: "function", function: { name: "sum", arguments: '{"a":1}' } }] },
        { role: "tool", tool_call_id: "t9", content: "1" },
      ],
    });
    expect(parseConversation(text)).toEqual([
      { role: "system", parts: [{ kind: "text", text: "terse" }] },
      { role: "assistant", parts: [{ kind: "tool_call", name: "sum", arguments: '{"a":1}', id: "t9" }] },
      { role: "tool", parts: [{ kind: "tool_result", id: "t9", text: "1" }] },
    ]);
  });

  it("reads Anthropic and Bedrock/Strands content blocks", () => {
    const text = JSON.stringify([
      { role: "assistant", content: [{ type: "text", text: "checking" }, { type: "tool_use", id: "u1", name: "lookup", input: { id: 7 } }] },
      { role: "user", content: [{ toolResult: { toolUseId: "u1", content: [{ text: "found" }] } }] },
      { role: "assistant", content: [{ toolUse: { toolUseId: "u2", name: "next", input: {} } }] },
    ]);
    expect(parseConversation(text)).toEqual([
      { role: "assistant", parts: [{ kind: "text", text: "checking" }, { kind: "tool_call", name: "lookup", arguments: '{"id":7}', id: "u1" }] },
      { role: "user", parts: [{ kind: "tool_result", id: "u1", text: "found" }] },
      { role: "assistant", parts: [{ kind: "tool_call", name: "next", arguments: "{}", id: "u2" }] },
    ]);
  });

  it("reads a single message object", () => {
    expect(parseConversation('{"role":"assistant","content":"done"}')).toEqual([{ role: "assistant", parts: [{ kind: "text", text: "done" }] }]);
  });

  it.each([null, "plain text", "{not json", "[]", '{"topic":"otel"}', '[{"content":"no role"}]', '[{"role":"user"}, 3]'])("is null for %j", (text) => {
    expect(parseConversation(text)).toBeNull();
  });
});
