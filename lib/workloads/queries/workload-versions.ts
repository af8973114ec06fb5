import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB, StaticGraph } from "@/lib/db/types";
import { nsToIso } from "@/lib/runs/run-view";
import type { TimeWindow } from "@/lib/http/params";
import type { VersionList, VersionStats } from "@/lib/workloads/types";
import { versionReuse } from "@/lib/workloads/version-reuse";
import { workloadVerdicts } from "@/lib/verdicts/queries";
import { versionScoreSummaries } from "@/lib/scores/version-scores";
import { RUN_STATS_COLUMNS, toRunStats, windowCondition, windowStartIso, type RunStats, type RunStatsRow } from "@/lib/runs/queries/run-stats";

interface VersionRow {
  logic_id: string;
  version: string | null;
  first_seen_unix_nano: string;
  last_seen_unix_nano: string;
  graph: StaticGraph;
}

interface VersionStatsRow extends RunStatsRow {
  logic_id: string;
  deployments: string[] | null;
}

export interface VersionRunStats extends RunStats {
  deployments: string[];
}

/**
 * Run figures per logic id of a workload over the window (served by runs_workload_start_idx),
 * optionally for some logic ids only.
 */
export async function versionRunStats(
  db: Kysely<DB>,
  tenantId: string,
  workloadName: string,
  window: TimeWindow,
  logicIds?: string[],
): Promise<Map<string, VersionRunStats>> {
  const only = logicIds ? sql` and r.workload_logic_id = any(${logicIds}::text[])` : sql``;
  const { rows } = await sql<VersionStatsRow>`
    select r.workload_logic_id as logic_id, ${RUN_STATS_COLUMNS},
      array_agg(distinct r.deployment_id) filter (where r.deployment_id is not null) as deployments
    from runs r
    where r.tenant_id = ${tenantId} and r.workload_name = ${workloadName} and r.workload_logic_id is not null${only}${windowCondition(window)}
    group by r.workload_logic_id`.execute(db);
  return new Map(rows.map((row) => [row.logic_id, { ...toRunStats(row), deployments: [...(row.deployments ?? [])].sort() }]));
}

const NO_RUNS: VersionRunStats = {
  runCount: 0,
  finishedRunCount: 0,
  failedRunCount: 0,
  errorRate: null,
  p50Ms: null,
  p95Ms: null,
  avgCostUsd: null,
  avgInputTokens: null,
  avgOutputTokens: null,
  deployments: [],
};

/**
 * Versions a workload view lists at most, most recently seen first: a logic id that changes with
 * every deploy (or every run) grows a workload's versions without end, and each carries its graph.
 */
export const MAX_LISTED_VERSIONS = 500;

/** The stored versions of a workload (most recently seen first, at most `limit`), each with its static graph. */
export async function workloadVersionRows(db: Kysely<DB>, tenantId: string, workloadName: string, logicIds?: string[], limit = MAX_LISTED_VERSIONS): Promise<VersionRow[]> {
  let query = db
    .selectFrom("workload_versions")
    .select(["logic_id", "version", "first_seen_unix_nano", "last_seen_unix_nano", "graph"])
    .where("tenant_id", "=", tenantId)
    .where("workload_name", "=", workloadName);
  if (logicIds) query = query.where("logic_id", "in", logicIds);
  // workload_versions_recent_idx: the newest `limit` without reading the rest.
  return query.orderBy("last_seen_unix_nano", "desc").orderBy("logic_id").limit(limit).execute();
}

/** A workload's versions, the most recently seen `limit` of them, and how many more there are (counted, not read). */
export async function recentVersionRows(db: Kysely<DB>, tenantId: string, workloadName: string, limit = MAX_LISTED_VERSIONS): Promise<{ rows: VersionRow[]; omitted: number }> {
  const rows = await workloadVersionRows(db, tenantId, workloadName, undefined, limit + 1);
  if (rows.length <= limit) return { rows, omitted: 0 };
  rows.length = limit;
  const counted = await db
    .selectFrom("workload_versions")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .where("tenant_id", "=", tenantId)
    .where("workload_name", "=", workloadName)
    .executeTakeFirstOrThrow();
  return { rows, omitted: Number(counted.count) - limit };
}

/** For each version string the listed rows carry, the logic id that used it first, when it is not among them (it may be an omitted one). */
async function firstUsers(db: Kysely<DB>, tenantId: string, workloadName: string, listed: readonly VersionRow[]): Promise<Pick<VersionRow, "logic_id" | "version" | "first_seen_unix_nano">[]> {
  const labels = [...new Set(listed.flatMap((row) => (row.version === null ? [] : [row.version])))];
  if (labels.length === 0) return [];
  const { rows } = await sql<Pick<VersionRow, "logic_id" | "version" | "first_seen_unix_nano">>`
    select distinct on (version) version, logic_id, first_seen_unix_nano::text as first_seen_unix_nano
    from workload_versions
    where tenant_id = ${tenantId} and workload_name = ${workloadName} and version = any(${labels}::text[])
    order by version, first_seen_unix_nano, logic_id`.execute(db);
  const shown = new Set(listed.map((row) => row.logic_id));
  return rows.filter((row) => !shown.has(row.logic_id));
}

/**
 * The most recently seen logic ids of a workload (at most `limit`), newest first, with the figures
 * of their runs in the window (all-time first/last seen). Empty when the workload is unknown.
 */
export async function listWorkloadVersions(db: Kysely<DB>, tenantId: string, workloadName: string, window: TimeWindow = {}, limit = MAX_LISTED_VERSIONS): Promise<VersionList> {
  const { rows, omitted } = await recentVersionRows(db, tenantId, workloadName, limit);
  // Past the cut, run figures only for the versions listed.
  const listed = omitted > 0 ? rows.map((row) => row.logic_id) : undefined;
  const [stats, verdicts, scores] = await Promise.all([
    versionRunStats(db, tenantId, workloadName, window, listed),
    workloadVerdicts(db, tenantId, workloadName, listed),
    versionScoreSummaries(db, tenantId, workloadName, window, listed),
  ]);
  const labelled = [...rows, ...(listed ? await firstUsers(db, tenantId, workloadName, rows) : [])];
  const reuse = versionReuse(labelled.map((row) => ({ logicId: row.logic_id, version: row.version, firstSeenNs: row.first_seen_unix_nano })));
  const versions = rows.map((row): VersionStats => {
    const figures = stats.get(row.logic_id) ?? NO_RUNS;
    const { deployments, ...runFigures } = figures;
    return {
      logicId: row.logic_id,
      version: row.version,
      firstSeen: nsToIso(row.first_seen_unix_nano),
      lastSeen: nsToIso(row.last_seen_unix_nano),
      ...runFigures,
      deployments,
      reusesVersionOf: reuse.get(row.logic_id) ?? null,
      verdicts: verdicts.get(row.logic_id) ?? [],
      scores: scores.get(row.logic_id) ?? [],
      nodes: row.graph.nodes.map((node) => ({ name: node.name, role: node.role, nodespecId: node.nodespecId })),
      edges: row.graph.edges.map((edge) => ({ source: edge.source, target: edge.target })),
    };
  });
  return { workload: workloadName, windowStart: windowStartIso(window), versions, omittedVersions: omitted };
}
