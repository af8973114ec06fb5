import { ROOT_CONTEXT, trace, TraceFlags, type Attributes } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";

const LOGIC_ID = "603dd8072ba07c4aaa9d0a9782dcc4d997374756e8df50ea22c92aa2c5d18417";

function tracer(service: string) {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": service, "codon.organization.id": "acme", "org.namespace": "acme" }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  return { tracer: provider.getTracer("codon_sdk", "0.1.0"), exporter };
}

export const codonContext = (runId: string): Attributes => ({
  "agent.framework.name": "codon",
  "codon.workload.id": "qa-agent:0.1.0",
  "codon.workload.name": "QA-Agent",
  "codon.workload.version": "0.1.0",
  "codon.workload.logic_id": LOGIC_ID,
  "codon.workload.run_id": runId,
  "codon.workload.deployment_id": "local",
});

/** What the Codon runtime sends for one run: a root span (own trace) per node activation. */
export function codonRunSpans(runId: string, options: { failNode?: string } = {}): ReadableSpan[] {
  const { tracer: t, exporter } = tracer("qa-agent");
  const nodes = [
    { name: "prompt_builder", role: "format_prompt", tokens: null },
    { name: "call_model", role: "llm", tokens: { input: 120, output: 30 } },
    { name: "finalize", role: "postprocess", tokens: null },
  ];
  for (const node of nodes) {
    const failed = options.failNode === node.name;
    const span = t.startSpan(`codon.node.${node.name}`, {
      root: true,
      attributes: {
        ...codonContext(runId),
        "codon.nodespec.id": node.name.padEnd(64, "0").replace(/[^0-9a-f]/g, "a"),
        "codon.nodespec.name": node.name,
        "codon.nodespec.role": node.role,
        "codon.nodespec.callable_signature": `${node.name}(message: Dict[str, Any], *, runtime, context)`,
        "codon.node.input": `{"message": "question for ${node.name}"}`,
        "codon.node.output": failed ? "" : `{"message": "answer from ${node.name}"}`,
        "codon.node.status_code": failed ? "ERROR" : "OK",
        ...(failed ? { "codon.node.error_message": `${node.name} exploded` } : {}),
        ...(node.tokens
          ? {
              "codon.tokens.input": node.tokens.input,
              "codon.tokens.output": node.tokens.output,
              "codon.tokens.total": node.tokens.input + node.tokens.output,
              "codon.model.vendor": "openai",
              "codon.model.id": "gpt-4o-mini-2024-07-18",
            }
          : {}),
      },
    });
    span.end();
  }
  return exporter.getFinishedSpans();
}

/** A generic agent trace: invoke_agent summing the usage of two chat children (OTel GenAI + OpenInference). */
export function genAiTraceSpans(): ReadableSpan[] {
  const { tracer: t, exporter } = tracer("support-bot");
  const agent = t.startSpan("invoke_agent support", {
    attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "support", "gen_ai.usage.input_tokens": 300, "gen_ai.usage.output_tokens": 50 },
  });
  // No context manager is registered in tests, so children get their parent explicitly.
  const parent = trace.setSpan(ROOT_CONTEXT, agent);
  t.startSpan("chat gpt-4o", { attributes: { "gen_ai.operation.name": "chat", "gen_ai.provider.name": "openai", "gen_ai.request.model": "gpt-4o", "gen_ai.usage.input_tokens": 100, "gen_ai.usage.output_tokens": 20 } }, parent).end();
  t.startSpan("retrieve", { attributes: { "openinference.span.kind": "LLM", "llm.model_name": "claude-3-5-haiku", "llm.provider": "anthropic", "llm.token_count.prompt": 200, "llm.token_count.completion": 30, "input.value": "find docs", "output.value": "found" } }, parent).end();
  agent.end();
  return exporter.getFinishedSpans();
}

/** Audit events as OTLP log records, the convention of codon-telemetry.md. */
export async function auditLogRecords(runId: string): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ "service.name": "qa-agent" }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger("codon_sdk.audit");
  const context = trace.setSpanContext(ROOT_CONTEXT, { traceId: "5b8efff798038103d269b633813fc60c", spanId: "eee19b7ec3c1b174", traceFlags: TraceFlags.SAMPLED });
  const edges: [string, string, string, string][] = [
    ["token_enqueued", "__entry__", "prompt_builder", "t1"],
    ["token_dequeued", "__entry__", "prompt_builder", "t1"],
    ["token_enqueued", "prompt_builder", "call_model", "t2"],
    ["token_dequeued", "prompt_builder", "call_model", "t2"],
    ["token_enqueued", "call_model", "finalize", "t3"],
    ["token_dequeued", "call_model", "finalize", "t3"],
  ];
  edges.forEach(([type, source, target, token], i) => {
    logger.emit({
      // Half via the LogRecord event name field, half via the event.name attribute.
      ...(i % 2 === 0 ? { eventName: `codon.audit.${type}` } : {}),
      timestamp: Date.now() + i,
      context,
      attributes: {
        ...(i % 2 === 1 ? { "event.name": `codon.audit.${type}` } : {}),
        ...codonContext(runId),
        "codon.audit.token_id": token,
        "codon.audit.source_node": source,
        "codon.audit.target_node": target,
        "codon.audit.lineage": [target],
        "codon.audit.metadata_json": JSON.stringify({ step: i }),
      },
    });
  });
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}
