import type { JsonValue } from "@/lib/db/types";
import { describe, expect, it } from "vitest";
import { CONVENTIONS } from "@/collector/normalize/conventions";
import { tableFor } from "@/collector/normalize/conventions/table";
import { extractInputText, extractOutputText, storedPayload } from "@/collector/normalize/text";

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

describe("input and output stored once", () => {
  const table = tableFor({});

  it("leaves out the attribute a text was read from unchanged, and names it", () => {
    const attributes = { "codon.node.input": "question", "codon.node.output": "answer", "codon.node.name": "plan" };
    const content = { input_text: extractInputText(attributes, table), output_text: extractOutputText(attributes, table) };
    expect(storedPayload(attributes, table, content)).toEqual({
      attributes: { "codon.node.name": "plan" },
      input_attribute: "codon.node.input",
      output_attribute: "codon.node.output",
    });
    expect(attributes).toHaveProperty("codon.node.input", "question");
  });

  it("keeps an attribute named __proto__ as an attribute beside a text it leaves out", () => {
    const attributes = JSON.parse('{"__proto__": {"polluted": true}, "codon.node.input": "question", "codon.node.name": "plan"}') as Record<string, JsonValue>;
    const content = { input_text: extractInputText(attributes, table), output_text: null };
    const stored = storedPayload(attributes, table, content).attributes;
    expect(Object.keys(stored)).toEqual(["__proto__", "codon.node.name"]);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect((stored as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps a structured payload, which its text does not restore as it was", () => {
    const messages = [{ role: "user", parts: [{ type: "text", content: "hi" }] }];
    const attributes = { "gen_ai.input.messages": messages };
    const content = { input_text: extractInputText(attributes, table), output_text: null };
    expect(storedPayload(attributes, table, content)).toEqual({ attributes, input_attribute: null, output_attribute: null });
  });

  it("keeps attributes when the text came from elsewhere (assembled from events)", () => {
    const attributes = { "other.key": "hello" };
    expect(storedPayload(attributes, table, { input_text: "hello", output_text: "hello" })).toEqual({ attributes, input_attribute: null, output_attribute: null });
  });
});
