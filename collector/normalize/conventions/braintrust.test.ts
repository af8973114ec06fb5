import { describe, expect, it } from "vitest";
import { mapped } from "@/collector/normalize/conventions/testing";

describe("Braintrust", () => {
  it("reads tokens, cache counts and the model from its JSON attributes", () => {
    const row = mapped({
      "braintrust.metrics": JSON.stringify({ prompt_tokens: 1200, completion_tokens: 80, tokens: 1280, prompt_cached_tokens: 1024, prompt_cache_creation_tokens: 0, completion_reasoning_tokens: 64 }),
      "braintrust.metadata": JSON.stringify({ model: "claude-sonnet-4-20250514", temperature: 0 }),
      "braintrust.input_json": '[{"role":"user","content":"q"}]',
      "braintrust.output_json": '{"answer":"a"}',
    });
    expect(row).toMatchObject({
      model_name: "claude-sonnet-4-20250514",
      input_tokens: "1200",
      output_tokens: "80",
      total_tokens: "1280",
      cache_read_tokens: "1024",
      cache_write_tokens: "0",
      reasoning_tokens: "64",
      input_text: '[{"role":"user","content":"q"}]',
      output_text: '{"answer":"a"}',
    });
  });

  it("prefers the model OTel attributes name to the metadata's", () => {
    const row = mapped({ "gen_ai.request.model": "gpt-4.1", "braintrust.metadata": JSON.stringify({ model: "other" }) });
    expect(row.model_name).toBe("gpt-4.1");
  });

  it("ignores metrics that are not JSON or hold no whole counts", () => {
    expect(mapped({ "braintrust.metrics": "prompt_tokens=5" }).input_tokens).toBeNull();
    expect(mapped({ "braintrust.metrics": JSON.stringify({ prompt_tokens: 2.5, completion_tokens: -1 }) })).toMatchObject({ input_tokens: null, output_tokens: null });
    expect(mapped({ "braintrust.metrics": JSON.stringify([1, 2]) }).input_tokens).toBeNull();
  });
});
