import { describe, expect, it } from "vitest";
import { mapped } from "@/collector/normalize/conventions/testing";

describe("Pydantic AI", () => {
  it("reads an agent run's model and usage, content, and leaves it out of totals", () => {
    const row = mapped(
      {
        "logfire.msg": "support_agent run",
        agent_name: "support_agent",
        model_name: "claude-3-7-sonnet-latest",
        "gen_ai.usage.input_tokens": "980",
        "gen_ai.usage.output_tokens": "61",
        "pydantic_ai.all_messages": '[{"role":"user"}]',
        final_result: "Refund issued.",
      },
      "support_agent run",
    );
    expect(row).toMatchObject({
      model_name: "claude-3-7-sonnet-latest",
      input_tokens: "980",
      output_tokens: "61",
      counts_usage: false,
      input_text: '[{"role":"user"}]',
      output_text: "Refund issued.",
    });
  });

  it("reads the generic model_name only on Pydantic AI spans", () => {
    expect(mapped({ model_name: "gpt-4o" }).model_name).toBeNull();
    expect(mapped({ agent_name: "x" }).counts_usage).toBe(true);
  });

  it("counts a model request inside the run", () => {
    const row = mapped({ "logfire.msg": "chat gpt-4o", "gen_ai.operation.name": "chat", "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 3 });
    expect(row).toMatchObject({ model_name: "gpt-4o", counts_usage: true });
  });
});
