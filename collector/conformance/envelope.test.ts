import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { collectorSuite } from "@/collector/testing/collector-suite";
import { exportOver, TRANSPORTS } from "@/collector/conformance/transports";

const DEFAULT_TENANT = "default";
const T0 = 1_767_000_000_000_000_000n;

interface SpanSpec {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
}

const otlpSpan = ({ traceId, spanId, parentSpanId, name }: SpanSpec, i: number) => ({
  traceId,
  spanId,
  ...(parentSpanId ? { parentSpanId } : {}),
  name,
  kind: 1,
  startTimeUnixNano: String(T0 + BigInt(i) * 1_000_000n),
  endTimeUnixNano: String(T0 + BigInt(i + 1) * 1_000_000n),
  attributes: [{ key: "gen_ai.usage.input_tokens", value: { intValue: String(10 * (i + 1)) } }],
});

// Envelopes real exporters send besides the tidy one: missing or empty resource and scope, one
// resourceSpans per span (some exporters flush span by span).
const envelopes: Record<string, (spans: SpanSpec[]) => unknown> = {
  "no resource and no scope": (spans) => ({ resourceSpans: [{ scopeSpans: [{ spans: spans.map(otlpSpan) }] }] }),
  "empty resource, empty scope": (spans) => ({ resourceSpans: [{ resource: {}, scopeSpans: [{ scope: {}, spans: spans.map(otlpSpan) }] }] }),
  "each span in its own resourceSpans": (spans) => ({
    resourceSpans: spans.map((span, i) => ({ resource: { attributes: [] }, scopeSpans: [{ spans: [otlpSpan(span, i)] }] })),
  }),
};

let counter = 0;
/** A trace of a root, its child and an orphan whose parent was never exported, with fresh ids. */
function trace(upperCase: boolean): { spans: SpanSpec[]; traceId: string } {
  counter += 1;
  const hex = (n: number, width: number) => n.toString(16).padStart(width, "c");
  const id = (value: string) => (upperCase ? value.toUpperCase() : value);
  const traceId = hex(counter, 32);
  const root = hex(counter * 10 + 1, 16);
  return {
    traceId,
    spans: [
      { traceId: id(traceId), spanId: id(root), name: "root" },
      { traceId: id(traceId), spanId: id(hex(counter * 10 + 2, 16)), parentSpanId: id(root), name: "child" },
      { traceId: id(traceId), spanId: id(hex(counter * 10 + 3, 16)), parentSpanId: id("ab".repeat(8)), name: "orphan" },
    ],
  };
}

describe.each(testBackends())("envelope gaps on $name", (backend) => {
  const suite = collectorSuite(backend);

  describe.each(Object.entries(envelopes))("%s", (_label, envelope) => {
    it.each(TRANSPORTS.flatMap((transport) => [false, true].map((upperCase) => ({ transport, upperCase }))))(
      "builds the run with its orphan over $transport (upper-case ids: $upperCase)",
      async ({ transport, upperCase }) => {
        const { spans, traceId } = trace(upperCase);
        expect(await exportOver(suite.collector, transport, envelope(spans))).toEqual({ rejectedSpans: 0, errorMessage: "" });
        const stored = await suite.db().selectFrom("spans").select(["span_id", "parent_span_id", "name"]).where("trace_id", "=", traceId).execute();
        expect(stored.map((span) => span.name).sort()).toEqual(["child", "orphan", "root"]);
        const byName = new Map(stored.map((span) => [span.name, span]));
        expect(byName.get("child")!.parent_span_id).toBe(byName.get("root")!.span_id);
        expect(byName.get("orphan")!.parent_span_id).toBe("ab".repeat(8));

        const dag = await getRunDag(suite.db(), DEFAULT_TENANT, traceId);
        expect(dag?.run).toMatchObject({ spanCount: 3, inputTokens: 60 });
        expect(dag!.nodes.map((node) => node.name).sort()).toEqual(["child", "orphan", "root"]);
      },
    );
  });
});
