import type { NewRun, NewRunNode, NewSpan } from "@/lib/db/types";
import { sketchOf, storedSketch } from "@/lib/stats/duration-sketch";

/** A stored span with every required column filled; tests override what they check. */
export function makeSpan(overrides: Partial<NewSpan> = {}): NewSpan {
  return {
    tenant_id: "default",
    trace_id: "5b8efff798038103d269b633813fc60c",
    span_id: "eee19b7ec3c1b174",
    parent_span_id: null,
    run_id: "run-1",
    name: "codon.node.planner",
    start_time_unix_nano: "1732190000000000000",
    end_time_unix_nano: "1732190000250000000",
    duration_ns: "250000000",
    ...overrides,
  };
}

/** A run row; start defaults to a fixed instant so ordering tests are deterministic. */
export function makeRun(overrides: Partial<NewRun> = {}): NewRun {
  return {
    tenant_id: "default",
    run_id: "run-1",
    start_time_unix_nano: "1732190000000000000",
    end_time_unix_nano: "1732190001000000000",
    duration_ns: "1000000000",
    ...overrides,
  };
}

const tokensOf = (span: NewSpan) => Number(span.input_tokens ?? 0) + Number(span.output_tokens ?? 0);

/**
 * The run_nodes rows the collector keeps for these runs and spans, for query tests that read
 * the per-node roll-up: one row per (run, node name) with each activation's duration in start
 * order, its errors, and the usage counted once, calls inside the node (no node name, the
 * node's nodespec id) folded in.
 */
export function runNodeRows(runs: readonly NewRun[], spans: readonly NewSpan[]): NewRunNode[] {
  const rows = new Map<string, NewRunNode>();
  const durations = new Map<NewRunNode, number[]>();
  const calls = new Map<string, { tokens: number; cost: number }>();
  const ordered = [...spans].sort((a, b) => (BigInt(a.start_time_unix_nano) < BigInt(b.start_time_unix_nano) ? -1 : 1));
  for (const span of ordered) {
    const counts = span.counts_usage ?? true;
    const key = `${span.tenant_id}\u0000${span.run_id}\u0000`;
    if (span.node_name == null) {
      if (span.nodespec_id == null || !counts) continue;
      const call = calls.get(key + span.nodespec_id) ?? { tokens: 0, cost: 0 };
      call.tokens += tokensOf(span);
      call.cost += Number(span.cost_usd ?? 0);
      calls.set(key + span.nodespec_id, call);
      continue;
    }
    const run = runs.find((r) => r.tenant_id === span.tenant_id && r.run_id === span.run_id);
    if (!run) throw new Error(`runNodeRows: no run ${span.run_id} for span ${span.span_id}`);
    let row = rows.get(key + span.node_name);
    if (!row) {
      row = {
        tenant_id: span.tenant_id,
        run_id: span.run_id,
        node_name: span.node_name,
        nodespec_id: span.nodespec_id ?? null,
        role: span.node_role ?? null,
        activations: 0,
        errors: 0,
        tokens: "0",
        cost_usd: "0",
      };
      rows.set(key + span.node_name, row);
      durations.set(row, []);
    }
    row.activations += 1;
    if (span.status_code === "error") row.errors += 1;
    durations.get(row)!.push(Number(span.duration_ns ?? 0));
    if (counts) {
      row.tokens = String(Number(row.tokens) + tokensOf(span));
      row.cost_usd = String(Number(row.cost_usd) + Number(span.cost_usd ?? 0));
    }
  }
  return [...rows.entries()].map(([key, unsketched]) => {
    const all = durations.get(unsketched)!;
    const stored = storedSketch(sketchOf(all), all.length ? Math.min(...all) : null);
    const row = {
      ...unsketched,
      duration_bins: stored.bins,
      duration_counts: stored.counts,
      duration_min_ns: all.length ? String(Math.min(...all)) : null,
      duration_max_ns: all.length ? String(Math.max(...all)) : null,
    };
    const call = row.nodespec_id ? calls.get(key.slice(0, key.lastIndexOf("\u0000") + 1) + row.nodespec_id) : undefined;
    if (!call) return row;
    return { ...row, tokens: String(Number(row.tokens) + call.tokens), cost_usd: String(Number(row.cost_usd) + call.cost) };
  });
}
