import { describe, expect, it } from "vitest";
import { indexedMessages } from "@/collector/normalize/content/indexed";

describe("indexed message attributes", () => {
  it("assembles OpenLLMetry prompts in index order, with content parts and tool calls", () => {
    const attributes = {
      "gen_ai.prompt.1.role": "user",
      "gen_ai.prompt.1.content.0.text": "first part",
      "gen_ai.prompt.1.content.1.text": "second part",
      "gen_ai.prompt.0.role": "system",
      "gen_ai.prompt.0.content": "be brief",
      "gen_ai.completion.0.role": "assistant",
      "gen_ai.completion.0.tool_calls.0.name": "search",
      "gen_ai.completion.0.tool_calls.0.arguments": '{"q":"otel"}',
      "gen_ai.prompt.99999.role": "ignored: index out of bounds",
      "gen_ai.prompt.x.role": "ignored: not an index",
    };
    expect(indexedMessages(attributes, "gen_ai.prompt.", "", "user")).toEqual([
      { role: "system", content: "be brief" },
      { role: "user", content: "first part\nsecond part" },
    ]);
    expect(indexedMessages(attributes, "gen_ai.completion.", "", "assistant")).toEqual([
      { role: "assistant", tool_calls: [{ name: "search", arguments: { q: "otel" } }] },
    ]);
  });

  it("assembles OpenInference messages and their function calls", () => {
    const attributes = {
      "llm.output_messages.0.message.role": "assistant",
      "llm.output_messages.0.message.tool_calls.0.tool_call.id": "call_1",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.name": "get_time",
      "llm.output_messages.0.message.tool_calls.0.tool_call.function.arguments": "{}",
      "llm.input_messages.0.message.content": "what time is it?",
    };
    expect(indexedMessages(attributes, "llm.input_messages.", "message.", "user")).toEqual([{ role: "user", content: "what time is it?" }]);
    expect(indexedMessages(attributes, "llm.output_messages.", "message.", "assistant")).toEqual([
      { role: "assistant", tool_calls: [{ id: "call_1", name: "get_time", arguments: {} }] },
    ]);
  });

  it("is empty without such attributes", () => {
    expect(indexedMessages({ "gen_ai.request.model": "m" }, "gen_ai.prompt.", "", "user")).toEqual([]);
  });
});
