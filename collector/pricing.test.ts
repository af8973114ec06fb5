import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { OTLPTraceExporter as ProtoTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";
import { beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { listUnpricedModels } from "@/lib/costs/queries/unpriced-models";
import { collectorSuite, send } from "@/collector/testing/collector-suite";
import { scriptedRunSpans } from "@/collector/testing/workflow-run";

const PER_M = 1e6;

/** An agent span summing its children's usage, a priced chat call, one reporting its own cost, one of an unknown model. */
function nestedGenAiTrace(): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": "support-bot" }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const t = provider.getTracer("genai");
  const genAi = (model: string, input: number, output: number, extra: Record<string, string | number> = {}) => ({
    "gen_ai.provider.name": "openai",
    "gen_ai.request.model": model,
    "gen_ai.usage.input_tokens": input,
    "gen_ai.usage.output_tokens": output,
    ...extra,
  });
  const agent = t.startSpan("invoke_agent support", { attributes: { "gen_ai.operation.name": "invoke_agent", ...genAi("gpt-4o", 540, 80) } });
  const parent = trace.setSpan(ROOT_CONTEXT, agent);
  t.startSpan("chat gpt-4o", { attributes: { "gen_ai.operation.name": "chat", ...genAi("gpt-4o", 100, 20) } }, parent).end();
  t.startSpan("chat reported", { attributes: { "gen_ai.operation.name": "chat", ...genAi("gpt-4o", 400, 50, { "gen_ai.usage.cost": "0.5" }) } }, parent).end();
  t.startSpan("chat acme", { attributes: { "gen_ai.operation.name": "chat", ...genAi("acme-llm-9000", 40, 10) } }, parent).end();
  agent.end();
  return exporter.getFinishedSpans();
}

describe.each(testBackends())("pricing at ingest on $name", (backend) => {
  const suite = collectorSuite(backend);
  const db = () => suite.db();

  beforeAll(async () => {
    const exporter = new ProtoTraceExporter({ url: `http://127.0.0.1:${suite.collector.httpPort}/v1/traces` });
    const spans = [
      ...scriptedRunSpans({
        runId: "priced-run",
        workload: "qa",
        version: "0.1.0",
        logicId: "d".repeat(64),
        deployment: "local",
        startMs: Date.parse("2026-11-01T12:00:00Z"),
        activations: [{ node: "answer", role: "llm", atMs: 0, durationMs: 500, llm: { model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens: 1000, outputTokens: 200 } }],
      }),
      ...nestedGenAiTrace(),
    ];
    await send(exporter, spans);
    await exporter.shutdown();
  });

  it("prices the node once, though its agent.llm call repeats the usage", async () => {
    const spans = await db().selectFrom("spans").select(["name", "cost_usd", "cost_source", "counts_usage"]).where("run_id", "=", "priced-run").orderBy("name").execute();
    // gpt-4o-mini: $0.15 in, $0.60 out per 1M tokens.
    const call = (1000 * 0.15 + 200 * 0.6) / PER_M;
    expect(spans.map((s) => [s.name, s.cost_source, s.counts_usage])).toEqual([
      ["agent.llm", "price_library", false],
      ["codon.node.answer", "price_library", true],
    ]);
    for (const span of spans) expect(Math.abs(Number(span.cost_usd) - call)).toBeLessThan(1e-9);
    const run = await db().selectFrom("runs").select("cost_usd").where("run_id", "=", "priced-run").executeTakeFirstOrThrow();
    expect(Math.abs(Number(run.cost_usd) - call)).toBeLessThan(1e-9);
  });

  it("keeps a reported cost, skips the agent's repeated usage and leaves an unknown model unpriced", async () => {
    const spans = await db().selectFrom("spans").select(["name", "cost_usd", "cost_source", "trace_id"]).where("service_name", "=", "support-bot").orderBy("name").execute();
    const byName = new Map(spans.map((s) => [s.name, s]));
    // gpt-4o: $2.50 in, $10 out per 1M tokens.
    expect(Math.abs(Number(byName.get("chat gpt-4o")!.cost_usd) - (100 * 2.5 + 20 * 10) / PER_M)).toBeLessThan(1e-9);
    expect(byName.get("chat reported")).toMatchObject({ cost_usd: expect.stringMatching(/^0\.50*$/), cost_source: "reported" });
    expect(byName.get("chat acme")).toMatchObject({ cost_usd: null, cost_source: null });
    // The agent span is priced (it names a model) but sums its children: runs add it once, through them.
    expect(byName.get("invoke_agent support")!.cost_source).toBe("price_library");
    const run = await db().selectFrom("runs").select("cost_usd").where("run_id", "=", spans[0]!.trace_id).executeTakeFirstOrThrow();
    expect(Math.abs(Number(run.cost_usd) - (0.5 + (100 * 2.5 + 20 * 10) / PER_M))).toBeLessThan(1e-9);
  });

  it("lists the unknown model as unpriced with its tokens, spans and runs", async () => {
    const models = await listUnpricedModels(db(), "default");
    expect(models.map(({ lastSeen: _, ...m }) => m)).toEqual([
      { vendor: "openai", model: "acme-llm-9000", inputTokens: 40, outputTokens: 10, spanCount: 1, runCount: 1 },
    ]);
  });
});
