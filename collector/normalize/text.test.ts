import { describe, expect, it } from "vitest";
import { extractInputText, extractOutputText, INPUT_TEXT_KEYS, OUTPUT_TEXT_KEYS } from "@/collector/normalize/text";

describe("input and output text", () => {
  it.each(INPUT_TEXT_KEYS.map((key) => [key]))("reads input from %s", (key) => {
    expect(extractInputText({ [key]: "in" })).toBe("in");
  });

  it.each(OUTPUT_TEXT_KEYS.map((key) => [key]))("reads output from %s", (key) => {
    expect(extractOutputText({ [key]: "out" })).toBe("out");
  });

  it("prefers the keys in order", () => {
    const all = Object.fromEntries(INPUT_TEXT_KEYS.map((key, i) => [key, `input ${i}`]));
    expect(extractInputText(all)).toBe("input 0");
    const { "codon.node.input": _first, ...rest } = all;
    expect(extractInputText(rest)).toBe("input 1");
  });

  it("renders structured payloads as JSON text", () => {
    const messages = [{ role: "user", parts: [{ type: "text", content: "hi" }] }];
    expect(extractInputText({ "gen_ai.input.messages": messages })).toBe(JSON.stringify(messages));
    expect(extractOutputText({ "codon.instrumentation.langgraph.node.outputs": { answer: 42 } })).toBe('{"answer":42}');
  });

  it("is null when absent or empty", () => {
    expect(extractInputText({})).toBeNull();
    expect(extractOutputText({ "output.value": "" })).toBeNull();
  });
});
