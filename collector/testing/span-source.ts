import { ROOT_CONTEXT, trace } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { TracerProvider, type IdGenerator, type ReadableSpan, type SpanProcessor } from "@opentelemetry/sdk-trace";

/** `trace_id:span_id` as the collector stores them (lowercase hex): what the fault tests count by. */
export type SpanKey = string;

export const spanKey = (traceId: string, spanId: string): SpanKey => `${traceId}:${spanId}`;
export const keyOf = (span: ReadableSpan): SpanKey => spanKey(span.spanContext().traceId, span.spanContext().spanId);

/** Spans of an agent made by the OTel SDK itself, in batches of any size, each id used once. */
export interface SpanSource {
  /** What every trace id of this source starts with (8 hex digits). */
  readonly tracePrefix: string;
  /** The next `count` finished spans; traces run across batch boundaries, as a busy exporter's do. */
  next(count: number): ReadableSpan[];
}

const SPANS_PER_TRACE = 7;

/**
 * Ids start with the scenario's tag and count up, so no two scenarios (or restarts of one) share
 * a span and the test knows every id it sent. Each trace is one trace-keyed run.
 */
const prefixOf = (tag: number) => tag.toString(16).padStart(8, "0").slice(-8);

function countingIds(tag: number): IdGenerator {
  const prefix = prefixOf(tag);
  let traces = 0;
  let spans = 0;
  return {
    generateTraceId: () => prefix + (++traces).toString(16).padStart(24, "0"),
    generateSpanId: () => prefix + (++spans).toString(16).padStart(8, "0"),
  };
}

/** An `invoke_agent` root over six `chat` calls with token usage (priced at ingest), per trace. */
export function agentSpanSource(tag: number, serviceName: string): SpanSource {
  const finished: ReadableSpan[] = [];
  const collect: SpanProcessor = {
    onStart: () => {},
    onEnd: (span) => void finished.push(span),
    forceFlush: async () => {},
    shutdown: async () => {},
  };
  const tracer = new TracerProvider({
    resource: resourceFromAttributes({ "service.name": serviceName }),
    idGenerator: countingIds(tag),
    spanProcessors: [collect],
  }).getTracer("codon-fault-tests", "1.0.0");

  const oneTrace = () => {
    const root = tracer.startSpan("invoke_agent fault-probe", { root: true, attributes: { "gen_ai.operation.name": "invoke_agent", "gen_ai.agent.name": "fault-probe" } });
    // No context manager is registered here, so children name their parent explicitly.
    const parent = trace.setSpan(ROOT_CONTEXT, root);
    for (let call = 1; call < SPANS_PER_TRACE; call++) {
      tracer
        .startSpan("chat gpt-4o-mini", {
          attributes: {
            "gen_ai.operation.name": "chat",
            "gen_ai.provider.name": "openai",
            "gen_ai.request.model": "gpt-4o-mini",
            "gen_ai.usage.input_tokens": 100 + call,
            "gen_ai.usage.output_tokens": 20 + call,
            "fault.call": call,
          },
        }, parent)
        .end();
    }
    root.end();
  };

  return {
    tracePrefix: prefixOf(tag),
    next(count) {
      while (finished.length < count) oneTrace();
      return finished.splice(0, count);
    },
  };
}
