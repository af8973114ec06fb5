import { ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from "@opentelemetry/sdk-trace";

/**
 * Real spans from the OpenTelemetry SDK, shaped like the Codon runtime's: one root span per
 * node activation, all sharing one run id.
 */
export function makeCodonNodeSpans(runId: string, nodes: string[] = ["prompt_builder", "call_model", "finalize"]): ReadableSpan[] {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": "qa-agent", "codon.organization.id": "acme" }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer("codon_sdk");
  for (const node of nodes) {
    const span = tracer.startSpan(`codon.node.${node}`, {
      root: true,
      attributes: {
        "codon.workload.name": "QA-Agent",
        "codon.workload.version": "0.1.0",
        "codon.workload.run_id": runId,
        "codon.nodespec.name": node,
      },
    });
    span.end();
  }
  const spans = exporter.getFinishedSpans();
  if (spans.length !== nodes.length) throw new Error(`expected ${nodes.length} finished spans, got ${spans.length}`);
  return spans;
}

/** The ExportTraceServiceRequest protobuf bytes an OTLP exporter would send for these spans. */
export function encodeTraceRequest(spans: ReadableSpan[]): Uint8Array {
  const bytes = ProtobufTraceSerializer.serializeRequest(spans);
  if (!bytes) throw new Error("The OTLP serializer produced no bytes");
  return bytes;
}
