import { calcPrice } from "@pydantic/genai-prices";
import type { Selectable } from "kysely";
import { describe, expect, it } from "vitest";
import { testBackends } from "@/lib/db/testing/backends";
import type { SpansTable } from "@/lib/db/types";
import { collectorSuite } from "@/collector/testing/collector-suite";
import { CORPUS_DIR, loadCorpus, type CorpusEntry, type LlmSpanExpectation } from "@/collector/conformance/corpus";
import { exportOver, TRANSPORTS, withFreshTraceIds } from "@/collector/conformance/transports";

type StoredSpan = Selectable<SpansTable>;

const corpus = loadCorpus();
if (corpus.length === 0) console.warn(`conformance: no corpus at ${CORPUS_DIR} (set OTLP_CORPUS_DIR); skipped`);

/** Trace ids of every span in an OTLP/JSON request. */
function traceIdsOf(payload: unknown): string[] {
  const ids = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === "object") {
      const record = value as Record<string, unknown>;
      if (Array.isArray(record.spans)) {
        for (const span of record.spans as { traceId?: unknown }[]) if (typeof span.traceId === "string") ids.add(span.traceId);
      }
      Object.values(record).forEach(walk);
    }
  };
  walk(payload);
  return [...ids];
}

const PROBE = { input_tokens: 1_000, output_tokens: 1_000 };
/**
 * Whether the price library knows a model id anywhere: as given, through its own "vendor/model"
 * split (provider id `litellm`), or under the aggregators that list other vendors' ids (Bedrock,
 * OpenRouter).
 */
const libraryKnows = (model: string | undefined): boolean =>
  model !== undefined && [undefined, "litellm", "aws", "openrouter"].some((providerId) => calcPrice(PROBE, model, providerId ? { providerId } : {}) !== null);

const tokens = (value: string | number | bigint | null): number | null => (value === null ? null : Number(value));
const sum = (values: (number | undefined)[]): number => values.reduce<number>((total, value) => total + (value ?? 0), 0);
const byName = <T extends { name: string }>(items: T[]): T[] => [...items].sort((a, b) => a.name.localeCompare(b.name));

function checkLlmSpan(stored: StoredSpan | undefined, want: LlmSpanExpectation): void {
  expect(stored, `span ${want.span_id} stored`).toBeDefined();
  const span = stored!;
  const label = `${want.span_name} (${want.span_id})`;
  expect(span.model_name, `${label}: model (response model preferred)`).toBe(want.response_model ?? want.model ?? null);
  if (want.response_model !== undefined) expect(span.request_model, `${label}: requested model`).toBe(want.model ?? null);
  expect(tokens(span.input_tokens), `${label}: input tokens`).toBe(want.input_tokens ?? null);
  expect(tokens(span.output_tokens), `${label}: output tokens`).toBe(want.output_tokens ?? null);
  // An aggregate's expectation lists its headline usage only; a call's lists every count it carries.
  if (want.role !== "aggregate" || want.cached_input_tokens !== undefined) {
    expect(tokens(span.cache_read_tokens), `${label}: cache-read tokens`).toBe(want.cached_input_tokens ?? null);
  }
  if (want.role !== "aggregate" || want.cache_creation_input_tokens !== undefined) {
    expect(tokens(span.cache_write_tokens), `${label}: cache-write tokens`).toBe(want.cache_creation_input_tokens ?? null);
  }
  if (want.role !== "aggregate" || want.reasoning_tokens !== undefined) {
    expect(tokens(span.reasoning_tokens), `${label}: reasoning tokens`).toBe(want.reasoning_tokens ?? null);
  }
  if (want.total_tokens !== undefined) expect(tokens(span.total_tokens), `${label}: total tokens`).toBe(want.total_tokens);
  expect(span.counts_usage, `${label}: counted in totals`).toBe(want.role !== "aggregate");
  if (want.cost !== undefined) {
    expect(span.cost_source, `${label}: cost source`).toBe("reported");
    expect(Number(span.cost_usd), `${label}: reported cost`).toBeCloseTo(want.cost, 10);
  } else if ((want.input_tokens ?? 0) + (want.output_tokens ?? 0) > 0 && (libraryKnows(want.response_model) || libraryKnows(want.model))) {
    expect(span.cost_source, `${label}: priced by the library`).toBe("price_library");
    expect(Number(span.cost_usd), `${label}: cost`).toBeGreaterThan(0);
  }
}

describe.skipIf(corpus.length === 0).each(testBackends())("OTLP corpus conformance on $name", (backend) => {
  const suite = collectorSuite(backend);

  describe.each(corpus)("$name", (entry: CorpusEntry) => {
    it.each(TRANSPORTS)("maps every expectation sent over %s", async (transport) => {
      const payload = withFreshTraceIds(entry.payload, `${backend.name}/${transport}/${entry.name}`);
      const answer = await exportOver(suite.collector, transport, payload);
      expect(answer).toEqual({ rejectedSpans: 0, errorMessage: "" });

      const want = entry.expect;
      const traceIds = traceIdsOf(payload);
      expect(traceIds).toHaveLength(want.trace_count);
      const spans = await suite.db().selectFrom("spans").selectAll().where("trace_id", "in", traceIds).execute();
      expect(spans).toHaveLength(want.span_count);

      const roots = spans.filter((span) => span.parent_span_id === null).map((span) => span.name);
      expect(roots.sort()).toEqual([...want.root_spans].sort());
      const ids = new Set(spans.map((span) => span.span_id));
      const orphans = spans
        .filter((span) => span.parent_span_id !== null && !ids.has(span.parent_span_id))
        .map((span) => ({ name: span.name, parentSpanId: span.parent_span_id! }));
      expect(byName(orphans)).toEqual(byName(want.spans_with_parent_not_in_payload));
      const errors = spans.filter((span) => span.status_code === "error").map((span) => ({ name: span.name, message: span.status_message }));
      expect(byName(errors)).toEqual(byName(want.error_spans));

      const bySpanId = new Map(spans.map((span) => [span.span_id, span]));
      for (const llm of want.llm_spans) checkLlmSpan(bySpanId.get(llm.span_id), llm);

      // Every span's run exists, and its totals count each call once (aggregates left out).
      const runIds = [...new Set(spans.map((span) => span.run_id))];
      const runs = await suite.db().selectFrom("runs").selectAll().where("run_id", "in", runIds).execute();
      expect(runs).toHaveLength(runIds.length);
      for (const run of runs) {
        const counted = want.llm_spans.filter((llm) => llm.role !== "aggregate" && bySpanId.get(llm.span_id)?.run_id === run.run_id);
        expect(Number(run.span_count), `run ${run.run_id}: spans`).toBe(spans.filter((span) => span.run_id === run.run_id).length);
        expect(Number(run.input_tokens), `run ${run.run_id}: input tokens`).toBe(sum(counted.map((llm) => llm.input_tokens)));
        expect(Number(run.output_tokens), `run ${run.run_id}: output tokens`).toBe(sum(counted.map((llm) => llm.output_tokens)));
        const spanCosts = spans.filter((span) => span.run_id === run.run_id && span.counts_usage).map((span) => Number(span.cost_usd ?? 0));
        expect(Number(run.cost_usd), `run ${run.run_id}: cost`).toBeCloseTo(sum(spanCosts), 9);
      }
    });
  });
});
