import "server-only";
import { compareVersionScores } from "@/lib/scores/version-scores";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { NotFoundError } from "@/lib/http/not-found";
import { quantileOf } from "@/lib/stats/duration-sketch";
import { storedSketchColumns } from "@/lib/stats/duration-sketch-sql";
import { compareSummary } from "@/lib/workloads/compare-summary";
import type { TimeWindow } from "@/lib/http/params";
import type { VersionComparison, VersionSide } from "@/lib/workloads/types";
import { diffEdges, diffNodes, type ObservedNode, type SpecFields } from "@/lib/workloads/version-diff";
import { windowCondition } from "@/lib/runs/queries/run-stats";
import { versionRunStats, workloadVersionRows, type VersionRunStats } from "@/lib/workloads/queries/workload-versions";

interface NodeRow {
  logic_id: string;
  node_name: string;
  nodespec_id: string | null;
  role: string | null;
  activations: string;
  run_count: string;
  errors: string;
  tokens: string;
  cost: string;
  duration_bins: number[] | null;
  duration_counts: number[] | null;
  min_ns: string | null;
  max_ns: string | null;
}

/**
 * Per logic id and node: activations, runs, errors, usage, and the merged duration sketch of every
 * activation (p50/p95 within 1%), from the run_nodes roll-up of the versions' runs (runs_logic_start_idx,
 * then each run's node rows by their primary key). One pass over the node rows, each unnested
 * into its sketch's bins, grouped twice at once (per node, and per node and bin): the node rows
 * of the busiest pair (~20k) were a CTE read twice that spilled to disk.
 */
async function nodeRows(db: Kysely<DB>, tenantId: string, workloadName: string, logicIds: string[], window: TimeWindow): Promise<NodeRow[]> {
  // Per node sums count each node row once: at its sketch's first bin, or its only row when it has none.
  const once = sql.raw("(b.i is null or b.i = 1)");
  const { rows } = await sql<NodeRow>`
    with n as (
      select r.workload_logic_id as logic_id, n.node_name, n.nodespec_id, n.role, n.activations, n.errors, n.tokens, n.cost_usd,
        n.duration_min_ns, n.duration_max_ns, ${storedSketchColumns("n")}
      from runs r
      join run_nodes n on n.tenant_id = r.tenant_id and n.run_id = r.run_id
      where r.tenant_id = ${tenantId} and r.workload_name = ${workloadName} and r.workload_logic_id = any(${logicIds}::text[])${windowCondition(window, sql`r.start_time_unix_nano`)}
    ),
    grouped as (
      select n.logic_id, n.node_name, b.bin, grouping(b.bin) as per_node,
        max(n.nodespec_id) as nodespec_id, max(n.role) as role,
        sum(n.activations) filter (where ${once})::int8 as activations, count(*) filter (where ${once})::int8 as run_count,
        sum(n.errors) filter (where ${once})::int8 as errors, sum(n.tokens) filter (where ${once})::int8 as tokens,
        sum(n.cost_usd) filter (where ${once}) as cost, min(n.duration_min_ns) as min_ns, max(n.duration_max_ns) as max_ns,
        sum(b.count)::int4 as count
      from n left join lateral unnest(n.duration_bins, n.duration_counts) with ordinality as b(bin, count, i) on true
      group by grouping sets ((n.logic_id, n.node_name), (n.logic_id, n.node_name, b.bin))
    ),
    sketches as (
      select logic_id, node_name, array_agg(bin order by bin) as duration_bins, array_agg(count order by bin) as duration_counts
      from grouped where per_node = 0 and bin is not null group by logic_id, node_name
    )
    select t.logic_id, t.node_name, t.nodespec_id, t.role, t.activations, t.run_count, t.errors, t.tokens, t.cost, t.min_ns, t.max_ns,
      s.duration_bins, s.duration_counts
    from grouped t left join sketches s on s.logic_id = t.logic_id and s.node_name = t.node_name
    where t.per_node = 1`.execute(db);
  return rows;
}

function observedNodes(rows: NodeRow[]): ObservedNode[] {
  return rows.map((row) => {
    const activations = Number(row.activations);
    const sketch = { bins: (row.duration_bins ?? []).map(Number), counts: (row.duration_counts ?? []).map(Number) };
    const bounds = row.min_ns !== null && row.max_ns !== null ? { min: Number(row.min_ns), max: Number(row.max_ns) } : undefined;
    const p50 = quantileOf(sketch, 0.5, bounds);
    const p95 = quantileOf(sketch, 0.95, bounds);
    return {
      name: row.node_name,
      role: row.role,
      nodespecId: row.nodespec_id,
      metrics: {
        activations,
        runCount: Number(row.run_count),
        p50Ms: p50 === null ? null : p50 / 1e6,
        p95Ms: p95 === null ? null : p95 / 1e6,
        errorRate: activations === 0 ? null : Number(row.errors) / activations,
        avgTokens: activations === 0 ? null : Number(row.tokens) / activations,
        avgCostUsd: activations === 0 ? null : Number(row.cost) / activations,
      },
    };
  });
}

async function specFields(db: Kysely<DB>, tenantId: string, nodespecIds: string[]): Promise<Map<string, SpecFields>> {
  if (nodespecIds.length === 0) return new Map();
  const rows = await db
    .selectFrom("node_specs")
    .select(["nodespec_id", "role", "callable_signature", "model_name", "model_version", "input_schema", "output_schema", "spec_version", "org_namespace"])
    .where("tenant_id", "=", tenantId)
    .where("nodespec_id", "in", nodespecIds)
    .execute();
  return new Map(
    rows.map((row) => [
      row.nodespec_id,
      {
        role: row.role,
        callableSignature: row.callable_signature,
        modelName: row.model_name,
        modelVersion: row.model_version,
        inputSchema: row.input_schema,
        outputSchema: row.output_schema,
        specVersion: row.spec_version,
        orgNamespace: row.org_namespace,
      },
    ]),
  );
}

function side(logicId: string, version: string | null, stats: VersionRunStats | undefined): VersionSide {
  const avgTokens = stats?.avgInputTokens == null || stats.avgOutputTokens == null ? null : stats.avgInputTokens + stats.avgOutputTokens;
  return {
    logicId,
    version,
    runCount: stats?.runCount ?? 0,
    finishedRunCount: stats?.finishedRunCount ?? 0,
    errorRate: stats?.errorRate ?? null,
    p50Ms: stats?.p50Ms ?? null,
    p95Ms: stats?.p95Ms ?? null,
    avgCostUsd: stats?.avgCostUsd ?? null,
    avgTokens,
  };
}

/** Version b of a workload against version a: graph diff, per-node figures, summary. Throws NotFoundError for an unknown logic id. */
export async function compareVersions(
  db: Kysely<DB>,
  tenantId: string,
  workloadName: string,
  logicIdA: string,
  logicIdB: string,
  window: TimeWindow = {},
): Promise<VersionComparison> {
  const logicIds = [...new Set([logicIdA, logicIdB])];
  const versions = await workloadVersionRows(db, tenantId, workloadName, logicIds);
  const a = versions.find((v) => v.logic_id === logicIdA);
  const b = versions.find((v) => v.logic_id === logicIdB);
  if (!a) throw new NotFoundError(`Workload ${workloadName} has no version with logic id ${logicIdA}`);
  if (!b) throw new NotFoundError(`Workload ${workloadName} has no version with logic id ${logicIdB}`);
  const [rows, stats, scores] = await Promise.all([
    nodeRows(db, tenantId, workloadName, logicIds, window),
    versionRunStats(db, tenantId, workloadName, window, logicIds),
    compareVersionScores(db, tenantId, workloadName, logicIdA, logicIdB, window),
  ]);
  const observedA = observedNodes(rows.filter((row) => row.logic_id === logicIdA));
  const observedB = observedNodes(rows.filter((row) => row.logic_id === logicIdB));
  const nodespecIds = new Set<string>();
  for (const node of [...a.graph.nodes, ...b.graph.nodes, ...observedA, ...observedB]) if (node.nodespecId) nodespecIds.add(node.nodespecId);
  const specs = await specFields(db, tenantId, [...nodespecIds]);
  const nodes = diffNodes({ graphA: a.graph, graphB: b.graph, observedA, observedB, specs });
  const sideA = side(logicIdA, a.version, stats.get(logicIdA));
  const sideB = side(logicIdB, b.version, stats.get(logicIdB));
  return {
    workload: workloadName,
    summary: compareSummary(sideA, sideB, nodes),
    a: sideA,
    b: sideB,
    nodes,
    edges: diffEdges(a.graph, b.graph),
    scores,
  };
}
