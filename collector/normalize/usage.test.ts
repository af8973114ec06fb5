import { describe, expect, it } from "vitest";
import { countsUsage, extractCost, extractUsage, sumCounts } from "@/collector/normalize/usage";

describe("token usage", () => {
  it.each([
    ["codon.tokens.input", "input_tokens"],
    ["gen_ai.usage.input_tokens", "input_tokens"],
    ["gen_ai.usage.prompt_tokens", "input_tokens"],
    ["llm.token_count.prompt", "input_tokens"],
    ["codon.tokens.output", "output_tokens"],
    ["gen_ai.usage.output_tokens", "output_tokens"],
    ["gen_ai.usage.completion_tokens", "output_tokens"],
    ["llm.token_count.completion", "output_tokens"],
    ["codon.tokens.total", "total_tokens"],
    ["llm.token_count.total", "total_tokens"],
    ["gen_ai.usage.cache_read.input_tokens", "cache_read_tokens"],
    ["llm.token_count.prompt_details.cache_read", "cache_read_tokens"],
    ["gen_ai.usage.cache_creation.input_tokens", "cache_write_tokens"],
    ["llm.token_count.prompt_details.cache_write", "cache_write_tokens"],
    ["gen_ai.usage.reasoning.output_tokens", "reasoning_tokens"],
    ["gen_ai.usage.reasoning_tokens", "reasoning_tokens"],
    ["llm.token_count.completion_details.reasoning", "reasoning_tokens"],
    ["ai.usage.reasoningTokens", "reasoning_tokens"],
  ] as const)("reads %s into %s", (key, column) => {
    expect(extractUsage({ [key]: 17 })[column]).toBe("17");
    expect(extractUsage({ [key]: "9007199254740993" })[column]).toBe("9007199254740993");
  });

  it("reads OpenAI's reasoning tokens from the raw usage JSON", () => {
    const openai = { "codon.tokens.usage_json": JSON.stringify({ completion_tokens: 500, completion_tokens_details: { reasoning_tokens: 384 } }) };
    expect(extractUsage(openai).reasoning_tokens).toBe("384");
  });

  it("prefers a plain attribute to the raw usage JSON", () => {
    const usage = { "codon.tokens.usage_json": JSON.stringify({ cache_read_input_tokens: 5 }), "gen_ai.usage.cache_read.input_tokens": 6 };
    expect(extractUsage(usage).cache_read_tokens).toBe("6");
  });

  it("prefers the aliases in order", () => {
    const usage = extractUsage({
      "llm.token_count.prompt": 1,
      "gen_ai.usage.prompt_tokens": 2,
      "gen_ai.usage.input_tokens": 3,
      "codon.tokens.input": 4,
      "gen_ai.usage.completion_tokens": 5,
      "llm.token_count.completion": 6,
      "llm.token_count.total": 7,
      "codon.tokens.total": 8,
      "llm.token_count.prompt_details.cache_read": 9,
      "gen_ai.usage.cache_read.input_tokens": 10,
      "llm.token_count.prompt_details.cache_write": 11,
      "gen_ai.usage.cache_creation.input_tokens": 12,
    });
    expect(usage).toEqual({
      input_tokens: "4",
      output_tokens: "5",
      total_tokens: "8",
      cache_read_tokens: "10",
      cache_write_tokens: "12",
      reasoning_tokens: null,
    });
  });

  it("derives the total from input and output with exact arithmetic", () => {
    expect(extractUsage({ "gen_ai.usage.input_tokens": "9007199254740993", "gen_ai.usage.output_tokens": 1 }).total_tokens).toBe(
      "9007199254740994",
    );
    expect(extractUsage({ "gen_ai.usage.output_tokens": 4 }).total_tokens).toBe("4");
    expect(extractUsage({}).total_tokens).toBeNull();
    expect(sumCounts(null, null)).toBeNull();
  });

  it("drops negative and non-integer counts", () => {
    const usage = extractUsage({ "codon.tokens.input": -3, "codon.tokens.output": 2.5, "codon.tokens.total": "many" });
    expect(usage).toEqual({
      input_tokens: null,
      output_tokens: null,
      total_tokens: null,
      cache_read_tokens: null,
      cache_write_tokens: null,
      reasoning_tokens: null,
    });
  });

  it("falls back to a later alias when an earlier one is invalid", () => {
    expect(extractUsage({ "codon.tokens.input": -3, "gen_ai.usage.input_tokens": 7 }).input_tokens).toBe("7");
  });

  it("reads Anthropic's cache fields and ignores malformed usage JSON", () => {
    const anthropic = { "codon.tokens.usage_json": JSON.stringify({ input_tokens: 10, cache_read_input_tokens: 300, cache_creation_input_tokens: 40 }) };
    expect(extractUsage(anthropic)).toMatchObject({ cache_read_tokens: "300", cache_write_tokens: "40" });
    expect(extractUsage({ "codon.tokens.usage_json": "{not json" }).cache_read_tokens).toBeNull();
    expect(extractUsage({ "codon.tokens.usage_json": JSON.stringify({ cache_read_input_tokens: -3 }) }).cache_read_tokens).toBeNull();
  });
});

describe("cost", () => {
  it("reads gen_ai.usage.cost as a decimal string", () => {
    expect(extractCost({ "gen_ai.usage.cost": 0.00042 })).toBe("0.00042");
    expect(extractCost({ "gen_ai.usage.cost": "1.25" })).toBe("1.25");
    expect(extractCost({ "gen_ai.usage.cost": 3e-8 })).toBe("0.00000003");
    expect(extractCost({ "gen_ai.usage.cost": 0 })).toBe("0");
  });

  it("leaves invalid or absent costs to the pricing step", () => {
    expect(extractCost({})).toBeNull();
    expect(extractCost({ "gen_ai.usage.cost": -1 })).toBeNull();
    expect(extractCost({ "gen_ai.usage.cost": "free" })).toBeNull();
    expect(extractCost({ "gen_ai.usage.cost": true })).toBeNull();
    expect(extractCost({ "gen_ai.usage.cost": 1e12 })).toBeNull();
  });
});

describe("counts_usage", () => {
  it.each([
    ["agent.llm", { "codon.nodespec.id": "abc" }, false],
    ["agent.llm", {}, true],
    ["invoke_agent x", { "gen_ai.operation.name": "invoke_agent" }, false],
    ["create_agent x", { "gen_ai.operation.name": "create_agent" }, false],
    ["execute_tool x", { "gen_ai.operation.name": "execute_tool" }, false],
    ["chat x", { "gen_ai.operation.name": "chat" }, true],
    ["agent", { "openinference.span.kind": "AGENT" }, false],
    ["chain", { "openinference.span.kind": "CHAIN" }, false],
    ["llm", { "openinference.span.kind": "LLM" }, true],
    ["tool", { "openinference.span.kind": "TOOL" }, true],
    ["codon.node.call_model", { "codon.nodespec.id": "abc" }, true],
  ] as const)("%s with %j counts: %s", (name, attributes, expected) => {
    expect(countsUsage(name, attributes)).toBe(expected);
  });
});

describe("LLM calls inside a node under a custom span name", () => {
  it("are neither nodes nor counted twice", async () => {
    const { extractNodeName } = await import("@/collector/normalize/node");
    const { makeDecodedSpan } = await import("@/collector/normalize/testing");
    const call = makeDecodedSpan({
      name: "summarise-with-gpt",
      attributes: { "codon.workload.run_id": "r1", "codon.nodespec.id": "a".repeat(64), "codon.tokens.input": 10 },
    });
    expect(extractNodeName(call)).toBeNull();
    expect(countsUsage(call.name, call.attributes)).toBe(false);
    const node = makeDecodedSpan({
      name: "codon.node.summarise",
      attributes: { "codon.workload.run_id": "r1", "codon.nodespec.id": "a".repeat(64), "codon.nodespec.name": "summarise" },
    });
    expect(extractNodeName(node)).toBe("summarise");
    expect(countsUsage(node.name, node.attributes)).toBe(true);
  });
});
