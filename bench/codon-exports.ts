import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";

const NODES = ["prompt_builder", "retriever", "planner", "call_model", "tool_router", "search", "summarize", "critic", "writer", "finalize"];
const SPANS_PER_RUN = NODES.length;
const LOGIC_ID = "603dd8072ba07c4aaa9d0a9782dcc4d997374756e8df50ea22c92aa2c5d18417";
const INPUT_SCHEMA = '{"message": "typing.Dict[str, typing.Any]", "context": "typing.Optional[typing.Dict[str, typing.Any]]"}';
const filler = (label: string, n: number) => `${label}: ${"lorem ipsum dolor sit amet ".repeat(Math.ceil(n / 27))}`.slice(0, n);

export interface CodonExportOptions {
  /** Every span in this one run (default: runs of 10 node activations, `bench-run-<n>`). */
  runId?: string;
  /** Index of the first span, so later calls continue the same sequence (times, runs, nodes). */
  firstSpan?: number;
  /** A `codon.audit.node_completed` span event per span (the ledger edge previous node -> node). */
  auditEvents?: boolean;
}

/**
 * Pre-encoded ExportTraceServiceRequests shaped like the Codon SDK's output: root node spans
 * (each its own trace), ~1 KB of attributes each, 512 spans per export, made with the real
 * OpenTelemetry SDK and serializer. Runs are 10 node activations; one in ten runs fails.
 */
export function makeCodonExports(exports: number, spansPerExport = 512, options: CodonExportOptions = {}): Buffer[] {
  const out: Buffer[] = [];
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "bench-agent", "codon.organization.id": "acme", "org.namespace": "acme" }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer("codon_sdk", "0.1.0");
  const base = Date.now() - 3_600_000;
  let spanIndex = options.firstSpan ?? 0;
  for (let e = 0; e < exports; e++) {
    exporter.reset();
    for (let i = 0; i < spansPerExport; i++, spanIndex++) {
      const runIndex = Math.floor(spanIndex / SPANS_PER_RUN);
      const node = NODES[spanIndex % SPANS_PER_RUN]!;
      const llm = node === "call_model" || node === "writer";
      const failed = runIndex % 10 === 9 && node === "finalize";
      const start = base + spanIndex;
      const span = tracer.startSpan(`codon.node.${node}`, {
        root: true,
        startTime: start,
        attributes: {
          "agent.framework.name": "codon",
          "codon.workload.id": "bench-agent:0.3.0",
          "codon.workload.name": "bench-agent",
          "codon.workload.version": "0.3.0",
          "codon.workload.logic_id": LOGIC_ID,
          "codon.workload.run_id": options.runId ?? `bench-run-${runIndex}`,
          "codon.workload.deployment_id": runIndex % 2 ? "prod-eu" : "staging",
          "codon.nodespec.id": (node + "0".repeat(64)).slice(0, 64).replace(/[^0-9a-f]/g, "b"),
          "codon.nodespec.name": node,
          "codon.nodespec.role": llm ? "llm" : "transform",
          "codon.nodespec.version": "0.1.0",
          "codon.nodespec.callable_signature": `${node}(message: Dict[str, Any], *, runtime, context)`,
          "codon.nodespec.input_schema": INPUT_SCHEMA,
          "codon.node.input": filler(`input of ${node}`, 300),
          "codon.node.output": filler(`output of ${node}`, 300),
          "codon.node.latency_ms": 40 + (spanIndex % 17),
          "codon.node.status_code": failed ? "ERROR" : "OK",
          ...(failed ? { "codon.node.error_message": "upstream timeout" } : {}),
          ...(llm
            ? { "codon.tokens.input": 900 + (spanIndex % 50), "codon.tokens.output": 120, "codon.tokens.total": 1020 + (spanIndex % 50), "codon.model.vendor": "openai", "codon.model.id": "gpt-4o-mini-2024-07-18" }
            : {}),
        },
      });
      if (options.auditEvents) {
        span.addEvent(
          "codon.audit.node_completed",
          {
            "codon.audit.token_id": `tok-${spanIndex}`,
            "codon.audit.parent_token_id": `tok-${spanIndex - 1}`,
            "codon.audit.source_node": NODES[(spanIndex + SPANS_PER_RUN - 1) % SPANS_PER_RUN]!,
            "codon.audit.target_node": node,
          },
          start + 40,
        );
      }
      span.end(start + 40);
    }
    const bytes = ProtobufTraceSerializer.serializeRequest(exporter.getFinishedSpans());
    if (!bytes) throw new Error("serializer produced nothing");
    out.push(Buffer.from(bytes));
  }
  return out;
}
