import { describe, expect, it } from "vitest";
import { mapped } from "@/collector/normalize/conventions/testing";

describe("Langfuse SDK", () => {
  it("reads a generation's model, usage details under Langfuse's own keys, and content", () => {
    const row = mapped({
      "langfuse.observation.type": "generation",
      "langfuse.observation.model.name": "mistral-large-latest",
      "langfuse.observation.usage_details": JSON.stringify({ input: 310, output: 42, total: 352, input_cache_read: 100, output_reasoning: 30 }),
      "langfuse.observation.input": "question",
      "langfuse.observation.output": "answer",
    });
    expect(row).toMatchObject({
      model_name: "mistral-large-latest",
      input_tokens: "310",
      output_tokens: "42",
      total_tokens: "352",
      cache_read_tokens: "100",
      reasoning_tokens: "30",
      counts_usage: true,
      input_text: "question",
      output_text: "answer",
    });
  });

  it("leaves the user's cost details to pricing, and agent or chain observations out of totals", () => {
    const row = mapped({ "langfuse.observation.type": "agent", "langfuse.observation.cost_details": JSON.stringify({ total: 9 }) });
    expect(row).toMatchObject({ cost_usd: null, counts_usage: false });
    expect(mapped({ "langfuse.observation.type": "chain" }).counts_usage).toBe(false);
    expect(mapped({ "langfuse.observation.type": "span" }).counts_usage).toBe(true);
  });
});
