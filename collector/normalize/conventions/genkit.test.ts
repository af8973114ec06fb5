import { describe, expect, it } from "vitest";
import { mapped } from "@/collector/normalize/conventions/testing";

const output = (usage: object, pad = "") => JSON.stringify({ message: { role: "model", content: [{ text: `done${pad}` }] }, usage });

describe("Genkit", () => {
  it("reads a model action's model from its name and usage from its JSON output", () => {
    const row = mapped({
      "genkit:type": "action",
      "genkit:metadata:subtype": "model",
      "genkit:name": "googleai/gemini-2.5-flash",
      "genkit:input": '{"messages":[]}',
      "genkit:output": output({ inputTokens: 90, outputTokens: "15", totalTokens: 105, cachedContentTokens: 40, thoughtsTokens: 11 }),
    });
    expect(row).toMatchObject({
      model_name: "googleai/gemini-2.5-flash",
      model_vendor: "googleai",
      input_tokens: "90",
      output_tokens: "15",
      total_tokens: "105",
      cache_read_tokens: "40",
      reasoning_tokens: "11",
      input_text: '{"messages":[]}',
    });
  });

  it("does not take a flow's name for a model, nor its output's numbers for usage", () => {
    const row = mapped({ "genkit:metadata:subtype": "flow", "genkit:name": "menuSuggestionFlow", "genkit:output": output({ inputTokens: 9 }) });
    expect(row).toMatchObject({ model_name: null, input_tokens: null });
    expect(row.output_text).toContain("done");
  });

  it("reads usage from an output up to its size bound only", () => {
    const model = { "genkit:metadata:subtype": "model", "genkit:name": "m" };
    expect(mapped({ ...model, "genkit:output": output({ inputTokens: 3 }, "x".repeat(200_000)) }).input_tokens).toBe("3");
    expect(mapped({ ...model, "genkit:output": output({ inputTokens: 3 }, "x".repeat(300_000)) }).input_tokens).toBeNull();
  });

  it("survives a hostile output: deep nesting within the bound, usage of the wrong type", () => {
    const model = { "genkit:metadata:subtype": "model", "genkit:name": "m" };
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(mapped({ ...model, "genkit:output": deep }).input_tokens).toBeNull();
    expect(mapped({ ...model, "genkit:output": JSON.stringify({ usage: [1, 2] }) }).input_tokens).toBeNull();
    expect(mapped({ ...model, "genkit:output": JSON.stringify({ usage: { inputTokens: { n: 1 } } }) }).input_tokens).toBeNull();
  });
});
