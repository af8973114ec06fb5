// One workflow run shaped like Codon telemetry, for bench/run-dag-read.ts.
import { performance } from "node:perf_hooks";
import type { Kysely } from "kysely";
import type { DB, NewAuditEvent, NewSpan } from "@/lib/db/types";
import { writeBatch } from "@/collector/store/write-batch";

const T0 = 1_732_190_000_000_000_000n;
const MS = 1_000_000n;
const NODES = 40;

const id = (n: number) => n.toString(16).padStart(16, "0");
const traceOf = (runId: string) => runId.padEnd(32, "0").slice(0, 32);

/** Activation `a` of the run: a node span beneath the root, two LLM calls beneath it, and its ledger events. */
export function activationRows(runId: string, a: number): { spans: NewSpan[]; events: NewAuditEvent[] } {
  const spans: NewSpan[] = [];
  const events: NewAuditEvent[] = [];
  const node = `node-${a % NODES}`;
  const start = T0 + BigInt(a) * 10n * MS;
  const nodeSpan = id(3 * a + 2);
  const base = { tenant_id: "default", trace_id: traceOf(runId), run_id: runId, workload_name: "bench", workload_logic_id: "c".repeat(64) };
  for (const c of [0, 1]) {
    const callStart = start + BigInt(c + 1) * MS;
    spans.push({
      ...base, span_id: id(3 * a + 3 + c), parent_span_id: nodeSpan, name: "agent.llm", nodespec_id: `spec-${a % NODES}`,
      start_time_unix_nano: callStart.toString(), end_time_unix_nano: (callStart + 3n * MS).toString(), duration_ns: (3n * MS).toString(),
      model_vendor: "openai", model_name: "gpt-4o", input_tokens: "100", output_tokens: "20", cost_usd: "0.0004000000",
      status_code: a % 997 === 5 && c === 1 ? "error" : "ok",
    });
  }
  spans.push({
    ...base, span_id: nodeSpan, parent_span_id: id(1), name: `codon.node.${node}`, node_name: node, nodespec_id: `spec-${a % NODES}`,
    start_time_unix_nano: start.toString(), end_time_unix_nano: (start + 9n * MS).toString(), duration_ns: (9n * MS).toString(),
    input_tokens: "200", output_tokens: "40", counts_usage: false, status_code: "ok",
  });
  const next = `node-${(a + 1) % NODES}`;
  for (const [k, type, source, target] of [[0, "token_dequeued", "__entry__", node], [1, "node_completed", node, null], [2, "token_enqueued", node, next]] as const) {
    events.push({ tenant_id: "default", run_id: runId, dedupe_key: `${runId}-${a}-${k}`, time_unix_nano: (start + BigInt(k) * 3n * MS).toString(), event_type: type, source_node: source, target_node: target });
  }
  return { spans, events };
}

/** The run's activations (three spans each) for `spanCount` spans, then its root span. */
export function runRows(runId: string, spanCount: number): { spans: NewSpan[]; events: NewAuditEvent[] } {
  const spans: NewSpan[] = [];
  const events: NewAuditEvent[] = [];
  const activations = Math.floor((spanCount - 1) / 3);
  for (let a = 0; a < activations; a++) {
    const rows = activationRows(runId, a);
    spans.push(...rows.spans);
    events.push(...rows.events);
  }
  // The root ends last, so it arrives last, as an OTel exporter sends it.
  const end = T0 + BigInt(activations) * 10n * MS;
  spans.push({ tenant_id: "default", trace_id: traceOf(runId), span_id: id(1), parent_span_id: null, run_id: runId, name: "codon.run", start_time_unix_nano: T0.toString(), end_time_unix_nano: end.toString(), duration_ns: (end - T0).toString() });
  return { spans, events };
}

/** Writes the run through ingest, 2,000 spans and events per batch; returns the milliseconds it took. */
export async function seed(db: Kysely<DB>, runId: string, spanCount: number): Promise<number> {
  const { spans, events } = runRows(runId, spanCount);
  const started = performance.now();
  const size = 2000;
  for (let i = 0; i < Math.max(spans.length, events.length); i += size) {
    await writeBatch(db, { spans: spans.slice(i, i + size), auditEvents: events.slice(i, i + size), graphs: [], nodeSpecs: [] }, 0n);
  }
  return performance.now() - started;
}

