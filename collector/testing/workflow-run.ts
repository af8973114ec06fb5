import { ROOT_CONTEXT, trace, type Attributes } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from "@opentelemetry/sdk-logs";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";

/** One node activation of a scripted run; times are ms after the run's start. */
export interface ScriptedActivation {
  node: string;
  role: string;
  atMs: number;
  durationMs: number;
  input?: string;
  output?: string;
  error?: string;
  /** LLM usage, reported on the node span and on an `agent.llm` child as the Codon SDK does. */
  llm?: { model: string; vendor: string; inputTokens: number; outputTokens: number };
}

export interface ScriptedRun {
  runId: string;
  workload: string;
  version: string;
  logicId: string;
  deployment: string;
  service?: string;
  startMs: number;
  activations: ScriptedActivation[];
  /** Tokens passed between nodes, in order: [source, target, tokenId, parentTokenId]. Source `__entry__` for entry tokens. */
  tokens?: [string, string, string, string | null][];
  /** The static graph, sent as an `agent.graph` span (nodes that never fire included). */
  graph?: { nodes: { name: string; role: string }[]; edges: [string, string][] };
  /** Nodespec ids by node name where they differ from `nodespecIdOf` (a node whose code changed between versions). */
  nodespecIds?: Record<string, string>;
}

export const nodespecIdOf = (workload: string, node: string) =>
  Buffer.from(`${workload}/${node}`).toString("hex").padEnd(64, "0").slice(0, 64);

const specIdIn = (run: ScriptedRun, node: string) => run.nodespecIds?.[node] ?? nodespecIdOf(run.workload, node);

function runContext(run: ScriptedRun): Attributes {
  return {
    "agent.framework.name": "codon",
    "codon.workload.id": `${run.workload.toLowerCase()}:${run.version}`,
    "codon.workload.name": run.workload,
    "codon.workload.version": run.version,
    "codon.workload.logic_id": run.logicId,
    "codon.workload.run_id": run.runId,
    "codon.workload.deployment_id": run.deployment,
  };
}

/** The spans the Codon runtime would export for this run: a root span per activation, LLM calls inside. */
export function scriptedRunSpans(run: ScriptedRun): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": run.service ?? run.workload.toLowerCase(), "org.namespace": "acme" }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer("codon_sdk", "0.1.0");
  const context = runContext(run);
  if (run.graph) {
    const definition = {
      nodes: run.graph.nodes.map((node) => ({ name: node.name, role: node.role, nodespec_id: specIdIn(run, node.name) })),
      edges: run.graph.edges.map(([source, target]) => ({ source, target })),
    };
    tracer
      .startSpan("agent.graph", { root: true, startTime: run.startMs, attributes: { ...context, "codon.graph.definition_json": JSON.stringify(definition) } })
      .end(run.startMs);
  }
  for (const activation of run.activations) {
    const start = run.startMs + activation.atMs;
    const nodespecId = specIdIn(run, activation.node);
    const usage = activation.llm
      ? {
          "codon.tokens.input": activation.llm.inputTokens,
          "codon.tokens.output": activation.llm.outputTokens,
          "codon.tokens.total": activation.llm.inputTokens + activation.llm.outputTokens,
          "codon.model.vendor": activation.llm.vendor,
          "codon.model.id": activation.llm.model,
        }
      : {};
    const span = tracer.startSpan(`codon.node.${activation.node}`, {
      root: true,
      startTime: start,
      attributes: {
        ...context,
        "codon.nodespec.id": nodespecId,
        "codon.nodespec.name": activation.node,
        "codon.nodespec.role": activation.role,
        "codon.nodespec.version": "0.1.0",
        "codon.nodespec.callable_signature": `${activation.node}(message: Dict[str, Any], *, runtime, context)`,
        "codon.nodespec.input_schema": '{"message": "typing.Dict[str, typing.Any]"}',
        ...(activation.llm ? { "codon.nodespec.model_name": activation.llm.model } : {}),
        "codon.node.input": activation.input ?? `{"message": "input of ${activation.node}"}`,
        "codon.node.output": activation.error ? "" : (activation.output ?? `{"message": "output of ${activation.node}"}`),
        "codon.node.latency_ms": activation.durationMs,
        "codon.node.status_code": activation.error ? "ERROR" : "OK",
        ...(activation.error ? { "codon.node.error_message": activation.error } : {}),
        ...usage,
      },
    });
    if (activation.llm) {
      tracer
        .startSpan(
          "agent.llm",
          { startTime: start + 1, attributes: { ...context, "codon.nodespec.id": nodespecId, ...usage } },
          trace.setSpan(ROOT_CONTEXT, span),
        )
        .end(start + Math.max(1, activation.durationMs - 1));
    }
    span.end(start + activation.durationMs);
  }
  return exporter.getFinishedSpans();
}

/** The run's ledger as OTLP log records (`codon.audit.*`), one enqueue and one dequeue per token. */
export async function scriptedRunAudit(run: ScriptedRun): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ "service.name": run.service ?? run.workload.toLowerCase() }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger("codon_sdk.audit");
  const lineage = new Map<string, string[]>();
  (run.tokens ?? []).forEach(([source, target, tokenId, parentTokenId], i) => {
    const path = [...(parentTokenId ? (lineage.get(parentTokenId) ?? []) : []), target];
    lineage.set(tokenId, path);
    for (const [offset, type] of [[0, "token_enqueued"], [1, "token_dequeued"]] as const) {
      logger.emit({
        eventName: `codon.audit.${type}`,
        timestamp: run.startMs + i * 2 + offset,
        attributes: {
          ...runContext(run),
          "codon.audit.token_id": tokenId,
          ...(parentTokenId ? { "codon.audit.parent_token_id": parentTokenId } : {}),
          "codon.audit.source_node": source,
          "codon.audit.target_node": target,
          "codon.audit.lineage": path,
          "codon.audit.metadata_json": JSON.stringify({ step: i }),
        },
      });
    }
  });
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}
