import { sql, type Kysely } from "kysely";
import type { DB } from "../db/types";
import { NotFoundError } from "../http/not-found";
import { compareSummary } from "../workloads/compare-summary";
import type { TimeWindow } from "../workloads/params";
import type { VersionComparison, VersionSide } from "../workloads/types";
import { diffEdges, diffNodes, type ObservedNode, type SpecFields } from "../workloads/version-diff";
import { windowCondition } from "./run-stats";
import { versionRunStats, workloadVersionRows, type VersionRunStats } from "./workload-versions";

interface NodeGroupRow {
  logic_id: string;
  node_name: string | null;
  nodespec_id: string | null;
  role: string | null;
  activations: string;
  run_count: string;
  p50_ns: number | string | null;
  p95_ns: number | string | null;
  errors: string;
  tokens: string | null;
  cost: string | null;
}

/**
 * Per logic id, one row per node (its activation spans: percentiles, errors, runs) and one per
 * nodespec id of LLM calls made inside nodes (their usage, when they report it themselves).
 * Reached through the versions' runs so spans lacking the logic id attribute still count.
 */
async function nodeGroups(db: Kysely<DB>, tenantId: string, workloadName: string, logicIds: string[], window: TimeWindow): Promise<NodeGroupRow[]> {
  const { rows } = await sql<NodeGroupRow>`
    select r.workload_logic_id as logic_id, s.node_name, max(s.nodespec_id) as nodespec_id, max(s.node_role) as role,
      count(*)::int8 as activations,
      count(distinct s.run_id)::int8 as run_count,
      percentile_cont(0.5) within group (order by s.duration_ns) as p50_ns,
      percentile_cont(0.95) within group (order by s.duration_ns) as p95_ns,
      count(*) filter (where s.status_code = 'error')::int8 as errors,
      sum(coalesce(s.input_tokens, 0) + coalesce(s.output_tokens, 0)) filter (where s.counts_usage) as tokens,
      sum(s.cost_usd) filter (where s.counts_usage) as cost
    from runs r
    join spans s on s.tenant_id = r.tenant_id and s.run_id = r.run_id
    where r.tenant_id = ${tenantId} and r.workload_name = ${workloadName}
      and r.workload_logic_id = any(${logicIds}::text[])${windowCondition(window)}
      and (s.node_name is not null or (s.nodespec_id is not null and s.counts_usage))
    group by r.workload_logic_id, s.node_name, (case when s.node_name is null then s.nodespec_id end)`.execute(db);
  return rows;
}

/** A version's nodes with per-activation figures; calls' own usage folded into their node. */
export function observedNodes(rows: NodeGroupRow[]): ObservedNode[] {
  const nodes = rows.filter((row) => row.node_name !== null);
  const usage = new Map<string, { tokens: number; cost: number }>();
  for (const node of nodes) usage.set(node.node_name!, { tokens: Number(node.tokens ?? 0), cost: Number(node.cost ?? 0) });
  for (const call of rows) {
    if (call.node_name !== null) continue;
    const owner = nodes.find((node) => node.nodespec_id === call.nodespec_id);
    if (!owner) continue;
    const total = usage.get(owner.node_name!)!;
    total.tokens += Number(call.tokens ?? 0);
    total.cost += Number(call.cost ?? 0);
  }
  return nodes.map((row) => {
    const activations = Number(row.activations);
    const total = usage.get(row.node_name!)!;
    return {
      name: row.node_name!,
      role: row.role,
      nodespecId: row.nodespec_id,
      metrics: {
        activations,
        runCount: Number(row.run_count),
        p50Ms: row.p50_ns === null ? null : Number(row.p50_ns) / 1e6,
        p95Ms: row.p95_ns === null ? null : Number(row.p95_ns) / 1e6,
        errorRate: Number(row.errors) / activations,
        avgTokens: total.tokens / activations,
        avgCostUsd: total.cost / activations,
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
  const [groups, stats] = await Promise.all([
    nodeGroups(db, tenantId, workloadName, logicIds, window),
    versionRunStats(db, tenantId, workloadName, window, logicIds),
  ]);
  const observedA = observedNodes(groups.filter((g) => g.logic_id === logicIdA));
  const observedB = observedNodes(groups.filter((g) => g.logic_id === logicIdB));
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
  };
}
