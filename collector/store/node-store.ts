import { sql, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import { stageRows } from "@/lib/db/copy";
import { mergeSketches, sketchFromStored, storedSketch } from "@/lib/stats/duration-sketch";
import { fromUnits, toUnits } from "@/collector/store/decimal";
import type { FoldEvent } from "@/collector/store/fold-rows";
import type { CallDelta, ModelDelta, NodeDelta } from "@/collector/store/node-fold";
import { ledgerTarget } from "@/collector/store/run-fold";

/** The run columns run_models repeats, so cost reads need no join. */
export interface RunPlacement {
  workloadName: string | null;
  logicId: string | null;
  deploymentId: string | null;
  startNs: string;
}

const keyOf = (...parts: string[]) => parts.join("\u0000");
const json = (rows: readonly unknown[]) => JSON.stringify(rows);

/** Records the ledger's new target nodes; returns how many distinct ones each run gained. */
export async function addLedgerNodes(trx: Transaction<DB>, tenantId: string, events: readonly FoldEvent[]): Promise<Map<string, number>> {
  const pairs = new Map<string, { run_id: string; node_name: string }>();
  for (const event of events) {
    const target = ledgerTarget(event);
    if (target !== null) pairs.set(keyOf(event.run_id, target), { run_id: event.run_id, node_name: target });
  }
  const gained = new Map<string, number>();
  if (pairs.size === 0) return gained;
  const { rows } = await sql<{ run_id: string }>`
    insert into run_ledger_nodes (tenant_id, run_id, node_name)
    select ${tenantId}, r.run_id, r.node_name from json_populate_recordset(null::run_ledger_nodes, ${json([...pairs.values()])}::text::json) as r
    on conflict do nothing
    returning run_id`.execute(trx);
  for (const row of rows) gained.set(row.run_id, (gained.get(row.run_id) ?? 0) + 1);
  return gained;
}

interface StoredNode {
  run_id: string;
  node_name: string;
  nodespec_id: string | null;
  role: string | null;
  activations: number;
  errors: number;
  /** Null both when the sketch is implicit (lib/stats/duration-sketch.ts storedSketch). */
  duration_bins: number[] | null;
  duration_counts: number[] | null;
  duration_min_ns: string | null;
  duration_max_ns: string | null;
  tokens: string;
  cost_usd: string;
}

interface Usage {
  tokens: bigint;
  costUnits: bigint;
}
const NO_USAGE: Usage = { tokens: 0n, costUnits: 0n };
const larger = (a: string | null, b: string | null) => (a === null ? b : b === null || a >= b ? a : b);

/**
 * Adds a batch's node and call deltas to run_nodes. A node's tokens and cost include the LLM
 * calls made inside it (same run, its spec id): a call adds to the nodes of its spec, and a node
 * that is new or changes spec takes its spec's call usage so far from run_call_usage.
 * Returns how many new nodes each run gained.
 */
export async function foldNodes(
  trx: Transaction<DB>,
  tenantId: string,
  nodes: readonly NodeDelta[],
  calls: readonly CallDelta[],
  storedRuns: ReadonlySet<string>,
): Promise<Map<string, number>> {
  const gained = new Map<string, number>();
  if (nodes.length === 0 && calls.length === 0) return gained;
  const callDelta = new Map(calls.map((call) => [keyOf(call.runId, call.nodespecId), call]));
  if (calls.length > 0) {
    await sql`
      insert into run_call_usage as u (tenant_id, run_id, nodespec_id, tokens, cost_usd)
      select ${tenantId}, r.run_id, r.nodespec_id, r.tokens, r.cost_usd
      from json_populate_recordset(null::run_call_usage, ${json(calls.map((c) => ({ run_id: c.runId, nodespec_id: c.nodespecId, tokens: c.tokens.toString(), cost_usd: fromUnits(c.costUnits) })))}::text::json) as r
      on conflict (tenant_id, run_id, nodespec_id) do update set tokens = u.tokens + excluded.tokens, cost_usd = u.cost_usd + excluded.cost_usd`.execute(trx);
  }

  const stored = await readNodes(trx, tenantId, nodes.filter((n) => storedRuns.has(n.runId)), calls.filter((c) => storedRuns.has(c.runId)));
  // Call usage as stored now (after this batch) for every spec a node takes or gives up.
  const specsNeeded = new Map<string, { run_id: string; nodespec_id: string }>();
  for (const node of nodes) {
    const before = stored.get(keyOf(node.runId, node.nodeName));
    for (const spec of [before?.nodespec_id ?? null, larger(before?.nodespec_id ?? null, node.nodespecId)]) {
      if (spec !== null && storedRuns.has(node.runId)) specsNeeded.set(keyOf(node.runId, spec), { run_id: node.runId, nodespec_id: spec });
    }
  }
  const callsNow = await readCallUsage(trx, tenantId, [...specsNeeded.values()]);
  // A run new in this batch has no calls stored before it: its calls now are this batch's.
  for (const call of calls) if (!storedRuns.has(call.runId)) callsNow.set(keyOf(call.runId, call.nodespecId), call);
  const after = (runId: string, spec: string | null): Usage => (spec === null ? NO_USAGE : callsNow.get(keyOf(runId, spec)) ?? NO_USAGE);
  const added = (runId: string, spec: string | null): Usage => (spec === null ? NO_USAGE : callDelta.get(keyOf(runId, spec)) ?? NO_USAGE);

  const written: StoredNode[] = [];
  const deltaKeys = new Set<string>();
  for (const node of nodes) {
    const key = keyOf(node.runId, node.nodeName);
    deltaKeys.add(key);
    const before = stored.get(key);
    const spec = larger(before?.nodespec_id ?? null, node.nodespecId);
    if (!before) gained.set(node.runId, (gained.get(node.runId) ?? 0) + 1);
    // Stored usage is the node's own plus its spec's calls. Take out the calls of the spec held
    // so far, as they stood before this batch; add the node's own new usage and the calls of the
    // spec held now, this batch's included.
    const oldSpec = before?.nodespec_id ?? null;
    const heldBefore = { tokens: after(node.runId, oldSpec).tokens - added(node.runId, oldSpec).tokens, costUnits: after(node.runId, oldSpec).costUnits - added(node.runId, oldSpec).costUnits };
    const tokens = BigInt(before?.tokens ?? "0") - heldBefore.tokens + node.tokens + after(node.runId, spec).tokens;
    const costUnits = toUnits(before?.cost_usd ?? "0") - heldBefore.costUnits + node.costUnits + after(node.runId, spec).costUnits;
    const beforeMin = before?.duration_min_ns == null ? null : BigInt(before.duration_min_ns);
    const sketch = before
      ? mergeSketches(sketchFromStored(before.duration_bins, before.duration_counts, beforeMin === null ? null : Number(beforeMin), before.activations), node.sketch)
      : node.sketch;
    const minNs = beforeMin === null || node.minDurationNs < beforeMin ? node.minDurationNs : beforeMin;
    const storedForm = storedSketch(sketch, Number(minNs));
    written.push({
      run_id: node.runId,
      node_name: node.nodeName,
      nodespec_id: spec,
      role: larger(before?.role ?? null, node.role),
      activations: (before?.activations ?? 0) + node.activations,
      errors: (before?.errors ?? 0) + node.errors,
      duration_bins: storedForm.bins,
      duration_counts: storedForm.counts,
      duration_min_ns: minNs.toString(),
      duration_max_ns: (before?.duration_max_ns == null || node.maxDurationNs > BigInt(before.duration_max_ns) ? node.maxDurationNs : BigInt(before.duration_max_ns)).toString(),
      tokens: tokens.toString(),
      cost_usd: fromUnits(costUnits),
    });
  }
  // Nodes this batch added no activation to, whose calls it brought.
  for (const [key, before] of stored) {
    if (deltaKeys.has(key) || before.nodespec_id === null) continue;
    const call = added(before.run_id, before.nodespec_id);
    if (call === NO_USAGE) continue;
    written.push({ ...before, tokens: (BigInt(before.tokens) + call.tokens).toString(), cost_usd: fromUnits(toUnits(before.cost_usd) + call.costUnits) });
  }
  await writeNodes(trx, tenantId, written);
  return gained;
}

/** The stored rows of the nodes a batch adds to, and of the nodes whose spec its calls carry. */
async function readNodes(trx: Transaction<DB>, tenantId: string, nodes: readonly NodeDelta[], calls: readonly CallDelta[]): Promise<Map<string, StoredNode>> {
  const stored = new Map<string, StoredNode>();
  const columns = sql.raw("n.run_id, n.node_name, n.nodespec_id, n.role, n.activations, n.errors, n.duration_bins, n.duration_counts, n.duration_min_ns, n.duration_max_ns, n.tokens, n.cost_usd");
  if (nodes.length > 0) {
    const { rows } = await sql<StoredNode>`
      select ${columns} from run_nodes n
      join unnest(${nodes.map((n) => n.runId)}::text[], ${nodes.map((n) => n.nodeName)}::text[]) as k(run_id, node_name)
        on n.run_id = k.run_id and n.node_name = k.node_name
      where n.tenant_id = ${tenantId}`.execute(trx);
    for (const row of rows) stored.set(keyOf(row.run_id, row.node_name), row);
  }
  if (calls.length > 0) {
    // By run (the key's prefix), then spec: a run's node rows are few beside its spans.
    const { rows } = await sql<StoredNode>`
      select ${columns} from run_nodes n
      where n.tenant_id = ${tenantId} and n.run_id = any(${[...new Set(calls.map((c) => c.runId))]}::text[])
        and n.nodespec_id = any(${[...new Set(calls.map((c) => c.nodespecId))]}::text[])`.execute(trx);
    for (const row of rows) stored.set(keyOf(row.run_id, row.node_name), row);
  }
  return stored;
}

async function readCallUsage(trx: Transaction<DB>, tenantId: string, pairs: { run_id: string; nodespec_id: string }[]): Promise<Map<string, Usage>> {
  if (pairs.length === 0) return new Map();
  const { rows } = await sql<{ run_id: string; nodespec_id: string; tokens: string; cost_usd: string }>`
    select u.run_id, u.nodespec_id, u.tokens, u.cost_usd from run_call_usage u
    join unnest(${pairs.map((p) => p.run_id)}::text[], ${pairs.map((p) => p.nodespec_id)}::text[]) as k(run_id, nodespec_id)
      on u.run_id = k.run_id and u.nodespec_id = k.nodespec_id
    where u.tenant_id = ${tenantId}`.execute(trx);
  return new Map(rows.map((row) => [keyOf(row.run_id, row.nodespec_id), { tokens: BigInt(row.tokens), costUnits: toUnits(row.cost_usd) }]));
}

const NODE_COLUMNS = [
  "run_id", "node_name", "nodespec_id", "role", "activations", "errors", "duration_bins", "duration_counts", "duration_min_ns", "duration_max_ns", "tokens", "cost_usd",
] as const;
const nodeColumns = sql.raw(NODE_COLUMNS.join(", "));

/** A PostgreSQL array literal, for a COPY of an int array column. */
const arrayLiteral = (values: readonly number[] | null): string | null => (values === null ? null : `{${values.join(",")}}`);

/** Writes the nodes' rows as they now stand: COPYed into a stage (parsed several times faster than JSON), then upserted. */
async function writeNodes(trx: Transaction<DB>, tenantId: string, rows: readonly StoredNode[]): Promise<void> {
  if (rows.length === 0) return;
  const staged = rows.map((row) => ({ ...row, duration_bins: arrayLiteral(row.duration_bins), duration_counts: arrayLiteral(row.duration_counts) }));
  const stage = await stageRows(trx, "run_nodes", NODE_COLUMNS, staged);
  await sql`
    insert into run_nodes (tenant_id, ${nodeColumns})
    select ${tenantId}, ${nodeColumns} from ${sql.raw(stage)}
    on conflict (tenant_id, run_id, node_name) do update set
      nodespec_id = excluded.nodespec_id, role = excluded.role, activations = excluded.activations, errors = excluded.errors,
      duration_bins = excluded.duration_bins, duration_counts = excluded.duration_counts,
      duration_min_ns = excluded.duration_min_ns, duration_max_ns = excluded.duration_max_ns, tokens = excluded.tokens,
      cost_usd = excluded.cost_usd`.execute(trx);
}

/** Adds a batch's usage per (run, model) to run_models. */
export async function addModels(trx: Transaction<DB>, tenantId: string, models: readonly ModelDelta[], placements: ReadonlyMap<string, RunPlacement>): Promise<void> {
  if (models.length === 0) return;
  const rows = models.map((m) => {
    const placement = placements.get(m.runId)!;
    return {
      run_id: m.runId, model_vendor: m.vendor, model_name: m.model, workload_name: placement.workloadName, logic_id: placement.logicId,
      deployment_id: placement.deploymentId, run_start_unix_nano: placement.startNs, calls: m.calls,
      input_tokens: m.inputTokens.toString(), output_tokens: m.outputTokens.toString(), cost_usd: fromUnits(m.costUnits),
    };
  });
  await sql`
    insert into run_models as m (tenant_id, run_id, model_vendor, model_name, workload_name, logic_id, deployment_id,
      run_start_unix_nano, calls, input_tokens, output_tokens, cost_usd)
    select ${tenantId}, r.run_id, r.model_vendor, r.model_name, r.workload_name, r.logic_id, r.deployment_id,
      r.run_start_unix_nano, r.calls, r.input_tokens, r.output_tokens, r.cost_usd
    from json_populate_recordset(null::run_models, ${json(rows)}::text::json) as r
    on conflict (tenant_id, run_id, model_vendor, model_name) do update set
      calls = m.calls + excluded.calls, input_tokens = m.input_tokens + excluded.input_tokens,
      output_tokens = m.output_tokens + excluded.output_tokens, cost_usd = m.cost_usd + excluded.cost_usd,
      workload_name = excluded.workload_name, logic_id = excluded.logic_id, deployment_id = excluded.deployment_id,
      run_start_unix_nano = excluded.run_start_unix_nano`.execute(trx);
}

/**
 * Rewrites the repeated run columns of runs whose start, workload, logic id or deployment moved
 * (an earlier span arrived): once per such change, over the run's model rows only.
 */
export async function movePlacements(trx: Transaction<DB>, tenantId: string, moved: ReadonlyMap<string, RunPlacement>): Promise<void> {
  if (moved.size === 0) return;
  const rows = [...moved].map(([runId, p]) => ({ run_id: runId, workload_name: p.workloadName, logic_id: p.logicId, deployment_id: p.deploymentId, run_start_unix_nano: p.startNs }));
  const placed = sql`json_populate_recordset(null::run_models, ${json(rows)}::text::json)`;
  await sql`
    update run_models m set workload_name = p.workload_name, logic_id = p.logic_id, deployment_id = p.deployment_id,
      run_start_unix_nano = p.run_start_unix_nano
    from ${placed} as p
    where m.tenant_id = ${tenantId} and m.run_id = p.run_id`.execute(trx);
}
