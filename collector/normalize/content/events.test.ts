import { describe, expect, it } from "vitest";
import { assembledContent } from "@/collector/normalize/content";
import { makeSpanEvent } from "@/collector/normalize/testing";

describe("content from span events", () => {
  it("assembles GenAI message events and an unwrapped choice", () => {
    const events = [
      makeSpanEvent("gen_ai.system.message", { content: "Reply in French." }),
      makeSpanEvent("gen_ai.user.message", { content: '[{"text":"hello"}]' }),
      makeSpanEvent("gen_ai.tool.message", { content: "42", role: "tool" }),
      makeSpanEvent("gen_ai.choice", { message: '{"role":"assistant","content":"bonjour"}', finish_reason: "stop" }),
      makeSpanEvent("gen_ai.choice", { message: '{"role":"assistant","tool_calls":[{"id":"k","function":{"name":"f","arguments":"{}"}}]}' }),
      makeSpanEvent("exception", { "exception.message": "not content" }),
    ];
    expect(assembledContent({}, events)).toEqual({
      input: JSON.stringify([
        { role: "system", content: "Reply in French." },
        { role: "user", content: [{ text: "hello" }] },
        { role: "tool", content: "42" },
      ]),
      output: JSON.stringify([
        { role: "assistant", content: "bonjour" },
        { role: "assistant", tool_calls: [{ id: "k", function: { name: "f", arguments: "{}" } }] },
      ]),
    });
  });

  it("takes the inference details event's message lists as they are", () => {
    const input = '[{"role":"user","parts":[{"type":"text","content":"2+2?"}]}]';
    const output = '[{"role":"assistant","parts":[{"type":"text","content":"4"}]}]';
    const events = [makeSpanEvent("gen_ai.client.inference.operation.details", { "gen_ai.input.messages": input, "gen_ai.output.messages": output })];
    expect(assembledContent({}, events)).toEqual({ input, output });
  });

  it("reads OpenLIT's content events", () => {
    const events = [makeSpanEvent("gen_ai.content.prompt", { "gen_ai.prompt": "user: hi" }), makeSpanEvent("gen_ai.content.completion", { "gen_ai.completion": "hello" })];
    expect(assembledContent({}, events)).toEqual({
      input: JSON.stringify([{ role: "user", content: "user: hi" }]),
      output: JSON.stringify([{ role: "assistant", content: "hello" }]),
    });
  });

  it("falls back to indexed attributes, and is null with neither", () => {
    expect(assembledContent({ "gen_ai.prompt.0.content": "q" }, [])).toEqual({ input: JSON.stringify([{ role: "user", content: "q" }]), output: null });
    expect(assembledContent({}, [])).toEqual({ input: null, output: null });
  });
});
