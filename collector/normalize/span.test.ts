import { describe, expect, it } from "vitest";
import { normalizeTraces } from "@/collector/normalize";
import { BASE_TIME, makeDecodedSpan, makeSpanEvent, makeTraceRequest, spanIdOf, TENANT, traceIdOf } from "@/collector/normalize/testing";

const RUN_ID = "6f1c2a9e-3b0d-4e55-9a0e-2f9d1c7b8e41";
const codonContext = {
  "codon.workload.id": "qa-agent:0.1.0",
  "codon.workload.name": "QA-Agent",
  "codon.workload.version": "0.1.0",
  "codon.workload.logic_id": "603dd8072ba07c4aaa9d0a9782dcc4d997374756e8df50ea22c92aa2c5d18417",
  "codon.workload.run_id": RUN_ID,
  "codon.workload.deployment_id": "local",
};

describe("span rows", () => {
  it("cuts an over-long model or vendor name to 256 characters and a marker, keeping the whole attribute", () => {
    const model = `gpt-4o-${"x".repeat(1_000_000)}`;
    const vendor = `${"v".repeat(255)}\u{1F600}tail`;
    const [row] = normalizeTraces(makeTraceRequest([makeDecodedSpan({ attributes: { "gen_ai.request.model": model, "gen_ai.provider.name": vendor } })]), TENANT).spans;
    expect(row!.model_name).toBe(`${model.slice(0, 256)}…`);
    // Never half a surrogate pair.
    expect(row!.model_vendor).toBe(`${"v".repeat(255)}…`);
    expect((row!.attributes as Record<string, unknown>)["gen_ai.request.model"]).toBe(model);
  });

  it("groups a Codon run spread over three traces by its run id", () => {
    const spans = [
      makeDecodedSpan({
        traceId: traceIdOf(1),
        spanId: spanIdOf(1),
        name: "codon.node.prompt_builder",
        attributes: { ...codonContext, "codon.nodespec.name": "prompt_builder", "codon.nodespec.role": "format_prompt" },
      }),
      makeDecodedSpan({
        traceId: traceIdOf(2),
        spanId: spanIdOf(2),
        name: "codon.node.call_model",
        attributes: { ...codonContext, "codon.nodespec.id": "8b5c6a12", "codon.nodespec.role": "llm" },
      }),
      makeDecodedSpan({ traceId: traceIdOf(3), spanId: spanIdOf(3), name: "codon.node.finalize", attributes: codonContext }),
    ];
    const { spans: rows, rejected } = normalizeTraces(makeTraceRequest(spans), TENANT);
    expect(rejected.count).toBe(0);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row.run_id))).toEqual(new Set([RUN_ID]));
    expect(new Set(rows.map((row) => row.trace_id)).size).toBe(3);
    expect(rows.map((row) => row.node_name)).toEqual(["prompt_builder", "call_model", "finalize"]);
    expect(rows.map((row) => row.node_role)).toEqual(["format_prompt", "llm", null]);
    expect(rows[1]?.nodespec_id).toBe("8b5c6a12");
    expect(rows[0]).toMatchObject({
      tenant_id: TENANT,
      parent_span_id: null,
      kind: 1,
      start_time_unix_nano: BASE_TIME.toString(),
      end_time_unix_nano: (BASE_TIME + 1_500_000n).toString(),
      duration_ns: "1500000",
      service_name: "qa-agent",
      scope_name: "codon_sdk",
      scope_version: "0.1.0",
      workload_id: "qa-agent:0.1.0",
      workload_name: "QA-Agent",
      workload_version: "0.1.0",
      workload_logic_id: codonContext["codon.workload.logic_id"],
      deployment_id: "local",
      counts_usage: true,
    });
    expect(rows[0]).not.toHaveProperty("received_at");
  });

  it("names LangGraph node spans by their bare span name, but not the SDK's own spans", () => {
    const names = ["retrieve", "agent.graph", "agent.llm", "agent.tool", "agent.workflow", "agent.task", "agent.run"];
    const spans = names.map((name, i) =>
      makeDecodedSpan({ spanId: spanIdOf(i + 1), name, attributes: { "codon.workload.run_id": RUN_ID } }),
    );
    spans.push(makeDecodedSpan({ spanId: spanIdOf(20), name: "http.request" }));
    const { spans: rows } = normalizeTraces(makeTraceRequest(spans), TENANT);
    expect(rows.map((row) => row.node_name)).toEqual(["retrieve", null, null, null, null, null, null, null]);
    expect(rows.every((row) => row.run_id === (row.span_id === spanIdOf(20) ? traceIdOf(1) : RUN_ID))).toBe(true);
  });

  it("does not take an empty suffix after codon.node. as a node name", () => {
    const { spans: rows } = normalizeTraces(makeTraceRequest([makeDecodedSpan({ name: "codon.node." })]), TENANT);
    expect(rows[0]?.node_name).toBeNull();
  });

  it("maps a GenAI agent trace with OpenInference children onto one run keyed by the trace id", () => {
    const traceId = traceIdOf(7);
    const agent = makeDecodedSpan({
      traceId,
      spanId: spanIdOf(1),
      name: "invoke_agent planner",
      attributes: {
        "gen_ai.operation.name": "invoke_agent",
        "gen_ai.agent.name": "planner",
        "gen_ai.usage.input_tokens": 300,
        "gen_ai.usage.output_tokens": 70,
      },
    });
    const chat = (n: number, input: number, output: number) =>
      makeDecodedSpan({
        traceId,
        spanId: spanIdOf(n),
        parentSpanId: spanIdOf(1),
        name: "chat gpt-4o",
        kind: 3,
        attributes: {
          "gen_ai.operation.name": "chat",
          "gen_ai.provider.name": "openai",
          "gen_ai.request.model": "gpt-4o",
          "gen_ai.response.model": "gpt-4o-2024-08-06",
          "gen_ai.usage.input_tokens": input,
          "gen_ai.usage.output_tokens": output,
        },
      });
    const chain = makeDecodedSpan({
      traceId,
      spanId: spanIdOf(4),
      parentSpanId: spanIdOf(1),
      name: "RunnableSequence",
      attributes: { "openinference.span.kind": "CHAIN", "llm.token_count.total": 999 },
    });
    const llm = makeDecodedSpan({
      traceId,
      spanId: spanIdOf(5),
      parentSpanId: spanIdOf(4),
      name: "ChatAnthropic",
      attributes: {
        "openinference.span.kind": "LLM",
        "llm.provider": "anthropic",
        "llm.model_name": "claude-sonnet",
        "llm.token_count.prompt": 10,
        "llm.token_count.completion": 5,
      },
    });
    const { spans: rows } = normalizeTraces(makeTraceRequest([agent, chat(2, 100, 20), chat(3, 200, 50), chain, llm]), TENANT);
    expect(rows.every((row) => row.run_id === traceId)).toBe(true);
    expect(rows.map((row) => row.counts_usage)).toEqual([false, true, true, false, true]);
    expect(rows.map((row) => row.parent_span_id)).toEqual([null, spanIdOf(1), spanIdOf(1), spanIdOf(1), spanIdOf(4)]);
    expect(rows[1]).toMatchObject({
      model_vendor: "openai",
      model_name: "gpt-4o-2024-08-06",
      input_tokens: "100",
      output_tokens: "20",
      total_tokens: "120",
      kind: 3,
      node_name: null,
    });
    expect(rows[4]).toMatchObject({ model_vendor: "anthropic", model_name: "claude-sonnet", total_tokens: "15" });
    const counted = rows.filter((row) => row.counts_usage).reduce((sum, row) => sum + BigInt(row.total_tokens ?? 0), 0n);
    expect(counted).toBe(385n);
  });

  it("does not count an agent.llm span's usage twice under its node span", () => {
    const node = makeDecodedSpan({
      name: "codon.node.call_model",
      attributes: { ...codonContext, "codon.nodespec.id": "abc", "codon.tokens.input": 12, "codon.tokens.output": 3 },
    });
    const llmCall = makeDecodedSpan({
      spanId: spanIdOf(2),
      parentSpanId: spanIdOf(1),
      name: "agent.llm",
      attributes: {
        "codon.nodespec.id": "abc",
        "codon.workload.run_id": RUN_ID,
        "codon.workload.logic_id": "x",
        "codon.tokens.input": 12,
        "codon.tokens.output": 3,
        "codon.model.vendor": "openai",
        "codon.model.id": "gpt-4o-mini-2024-07-18",
      },
    });
    const bareLlm = makeDecodedSpan({ spanId: spanIdOf(3), name: "agent.llm", attributes: { "codon.tokens.input": 1 } });
    const { spans: rows } = normalizeTraces(makeTraceRequest([llmCall, node, bareLlm]), TENANT);
    expect(rows.map((row) => [row.name, row.counts_usage])).toEqual([
      ["agent.llm", false],
      ["codon.node.call_model", true],
      ["agent.llm", true],
    ]);
    expect(rows[0]).toMatchObject({ node_name: null, nodespec_id: "abc", model_vendor: "openai", total_tokens: "15" });
  });

  it("takes the workload context from the resource when the span lacks it", () => {
    const resource = { "service.name": "svc", "codon.workload.name": "FromResource", "codon.workload.deployment_id": "prod-eu" };
    const span = makeDecodedSpan({ attributes: { "codon.workload.name": "FromSpan" } });
    const { spans: rows } = normalizeTraces(makeTraceRequest([span], resource), TENANT);
    expect(rows[0]).toMatchObject({ workload_name: "FromSpan", deployment_id: "prod-eu", workload_id: null, service_name: "svc" });
  });

  it("stores times exactly and clamps a negative duration to 0", () => {
    const late = 9_223_372_036_854_775_000n;
    const span = makeDecodedSpan({ startTimeUnixNano: late, endTimeUnixNano: late - 10n });
    const unended = makeDecodedSpan({ spanId: spanIdOf(2), endTimeUnixNano: 0n });
    const { spans: rows } = normalizeTraces(makeTraceRequest([span, unended]), TENANT);
    expect(rows[0]).toMatchObject({ start_time_unix_nano: late.toString(), end_time_unix_nano: "9223372036854774990", duration_ns: "0" });
    expect(rows[1]).toMatchObject({ end_time_unix_nano: "0", duration_ns: "0" });
  });

  it("keeps attributes, resource, events and links as JSON", () => {
    const resource = { "service.name": "svc", "host.name": "box" };
    const span = makeDecodedSpan({
      attributes: { a: "1", nested: { list: [1, "two", null] } },
      events: [makeSpanEvent("retry", { attempt: 2 }, 123n)],
      links: [{ traceId: traceIdOf(9), spanId: spanIdOf(9), traceState: "x=1", attributes: { why: "follows" } }],
    });
    const { spans: rows } = normalizeTraces(makeTraceRequest([span], resource, { name: "", version: "", attributes: {} }), TENANT);
    expect(rows[0]).toMatchObject({
      attributes: { a: "1", nested: { list: [1, "two", null] } },
      resource_attributes: resource,
      events: [{ name: "retry", timeUnixNano: "123", attributes: { attempt: 2 } }],
      links: [{ traceId: traceIdOf(9), spanId: spanIdOf(9), attributes: { why: "follows" } }],
      scope_name: null,
      scope_version: null,
    });
  });

  it("keeps a span repeated within one export once", () => {
    const span = makeDecodedSpan();
    const { spans: rows, rejected } = normalizeTraces(makeTraceRequest([span, { ...span, name: "again" }]), TENANT);
    expect(rows.map((row) => row.name)).toEqual(["work"]);
    expect(rejected.count).toBe(0);
  });

  it("stores an out-of-range span kind as unspecified", () => {
    const { spans: rows } = normalizeTraces(makeTraceRequest([makeDecodedSpan({ kind: 42 })]), TENANT);
    expect(rows[0]?.kind).toBe(0);
  });
});
