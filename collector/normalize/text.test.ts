import { describe, expect, it } from "vitest";
import { CONVENTIONS } from "@/collector/normalize/conventions";
import { extractInputText, extractOutputText } from "@/collector/normalize/text";

// Families read on every span; the gated ones are tested with their gate in conventions/.
const ungated = CONVENTIONS.filter((convention) => convention.appliesTo === undefined);
const inputKeys = ungated.flatMap((convention) => convention.input ?? []);
const outputKeys = ungated.flatMap((convention) => convention.output ?? []);

describe("input and output text", () => {
  it.each(inputKeys.map((key) => [key]))("reads input from %s", (key) => {
    expect(extractInputText({ [key]: "in" })).toBe("in");
  });

  it.each(outputKeys.map((key) => [key]))("reads output from %s", (key) => {
    expect(extractOutputText({ [key]: "out" })).toBe("out");
  });

  it("prefers the keys in order", () => {
    const all = Object.fromEntries(inputKeys.map((key, i) => [key, `input ${i}`]));
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
