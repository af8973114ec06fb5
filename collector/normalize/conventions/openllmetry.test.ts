import { describe, expect, it } from "vitest";
import { mapped } from "@/collector/normalize/conventions/testing";

describe("OpenLLMetry / Traceloop, LiteLLM and OpenLIT", () => {
  it("reads Anthropic-style cache counts and the older total", () => {
    const row = mapped({
      "gen_ai.system": "Anthropic",
      "gen_ai.request.model": "claude-3-opus-20240229",
      "gen_ai.usage.prompt_tokens": 70,
      "gen_ai.usage.completion_tokens": 30,
      "llm.usage.total_tokens": 2100,
      "gen_ai.usage.cache_read_input_tokens": 2000,
      "gen_ai.usage.cache_creation_input_tokens": "5",
      "traceloop.entity.input": "in",
    });
    expect(row).toMatchObject({ model_vendor: "Anthropic", input_tokens: "70", output_tokens: "30", total_tokens: "2100", cache_read_tokens: "2000", cache_write_tokens: "5", input_text: "in" });
  });

  it("leaves workflow and agent spans out of totals", () => {
    expect(mapped({ "traceloop.span.kind": "workflow", "gen_ai.usage.prompt_tokens": 1 }).counts_usage).toBe(false);
    expect(mapped({ "traceloop.span.kind": "agent" }).counts_usage).toBe(false);
    expect(mapped({ "traceloop.span.kind": "task" }).counts_usage).toBe(true);
  });

  it("keeps the cost LiteLLM or OpenLIT computed, OpenLIT's first", () => {
    expect(mapped({ "gen_ai.cost.total_cost": 0.0123 }).cost_usd).toBe("0.0123");
    expect(mapped({ "gen_ai.cost.total_cost": "2e-6" }).cost_usd).toBe("0.000002");
    expect(mapped({ "gen_ai.usage.cost": 0.5, "gen_ai.cost.total_cost": 0.7 }).cost_usd).toBe("0.5");
    expect(mapped({ "gen_ai.cost.total_cost": -1 }).cost_usd).toBeNull();
  });
});
