import { mergeSketches, sketchOf, type DurationSketch } from "@/lib/stats/duration-sketch";
import { toUnits } from "@/collector/store/decimal";
import type { FoldSpan } from "@/collector/store/fold-rows";

/**
 * What a batch's new spans add to each (run, node), to the usage of LLM calls made inside a node
 * (spans with no node name and the node's spec id), and to each (run, model): the deltas that
 * node-store.ts adds to the stored rows. Rules as in run-nodes.ts and run-models.ts.
 */

export interface NodeDelta {
  runId: string;
  nodeName: string;
  /** The largest spec id and role seen (max, as the whole-run statement takes). */
  nodespecId: string | null;
  role: string | null;
  activations: number;
  errors: number;
  sketch: DurationSketch;
  minDurationNs: bigint;
  maxDurationNs: bigint;
  /** The node spans' own usage (their LLM calls' usage is added per spec). */
  tokens: bigint;
  costUnits: bigint;
}

export interface CallDelta {
  runId: string;
  nodespecId: string;
  tokens: bigint;
  costUnits: bigint;
}

export interface ModelDelta {
  runId: string;
  vendor: string;
  model: string;
  calls: number;
  inputTokens: bigint;
  outputTokens: bigint;
  costUnits: bigint;
}

export interface SpanDeltas {
  nodes: NodeDelta[];
  calls: CallDelta[];
  models: ModelDelta[];
}

const int8 = (value: string | null) => (value === null ? 0n : BigInt(value));
const larger = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);
const keyOf = (...parts: string[]) => parts.join("\u0000");

export function spanDeltas(spans: readonly FoldSpan[]): SpanDeltas {
  const nodes = new Map<string, NodeDelta & { durations: number[] }>();
  const calls = new Map<string, CallDelta>();
  const models = new Map<string, ModelDelta>();
  for (const span of spans) {
    const usageTokens = int8(span.input_tokens) + int8(span.output_tokens);
    if (span.node_name !== null) {
      const key = keyOf(span.run_id, span.node_name);
      let node = nodes.get(key);
      if (!node) {
        node = { runId: span.run_id, nodeName: span.node_name, nodespecId: null, role: null, activations: 0, errors: 0, sketch: sketchOf([]), minDurationNs: BigInt(span.duration_ns), maxDurationNs: BigInt(span.duration_ns), tokens: 0n, costUnits: 0n, durations: [] };
        nodes.set(key, node);
      }
      node.nodespecId = larger(node.nodespecId, span.nodespec_id);
      node.role = larger(node.role, span.node_role);
      node.activations += 1;
      if (span.status_code === "error") node.errors += 1;
      node.durations.push(Number(span.duration_ns));
      const duration = BigInt(span.duration_ns);
      if (duration < node.minDurationNs) node.minDurationNs = duration;
      if (duration > node.maxDurationNs) node.maxDurationNs = duration;
      if (span.counts_usage) {
        node.tokens += usageTokens;
        node.costUnits += toUnits(span.cost_usd);
      }
    } else if (span.nodespec_id !== null && span.counts_usage) {
      const key = keyOf(span.run_id, span.nodespec_id);
      const call = calls.get(key) ?? { runId: span.run_id, nodespecId: span.nodespec_id, tokens: 0n, costUnits: 0n };
      call.tokens += usageTokens;
      call.costUnits += toUnits(span.cost_usd);
      calls.set(key, call);
    }
    if (span.counts_usage && (span.cost_usd !== null || span.input_tokens !== null || span.output_tokens !== null)) {
      const vendor = span.model_vendor ?? "";
      const model = span.model_name ?? "";
      const key = keyOf(span.run_id, vendor, model);
      const row = models.get(key) ?? { runId: span.run_id, vendor, model, calls: 0, inputTokens: 0n, outputTokens: 0n, costUnits: 0n };
      row.calls += 1;
      row.inputTokens += int8(span.input_tokens);
      row.outputTokens += int8(span.output_tokens);
      row.costUnits += toUnits(span.cost_usd);
      models.set(key, row);
    }
  }
  return {
    nodes: [...nodes.values()].map(({ durations, ...node }) => ({ ...node, sketch: mergeSketches(node.sketch, sketchOf(durations)) })),
    calls: [...calls.values()],
    models: [...models.values()],
  };
}
