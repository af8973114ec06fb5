import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { encodeRunListCursor, type RunListParams } from "@/lib/runs/list-params";
import { RUN_COLUMNS, toRunView } from "@/lib/runs/run-view";
import type { RunFilterOptions, RunPage } from "@/lib/runs/types";
import { runScoreBriefs } from "@/lib/scores/run-briefs";

export type { RunFilterOptions, RunPage };

/**
 * One page of a tenant's runs, newest first, keyset-paginated on (start, run id) so a page
 * costs the same however deep it is. Each filter has an index that keeps this order. Each run
 * carries its scores in brief, read for the page's runs in one more query.
 */
export async function listRuns(db: Kysely<DB>, tenantId: string, params: RunListParams): Promise<RunPage> {
  const { filters, cursor, limit } = params;
  let query = db.selectFrom("runs").select(RUN_COLUMNS).where("tenant_id", "=", tenantId);
  if (filters.workload) query = query.where("workload_name", "=", filters.workload);
  if (filters.version) query = query.where("workload_version", "=", filters.version);
  if (filters.logicId) {
    const logicId = filters.logicId;
    query = logicId.length === 64
      ? query.where("workload_logic_id", "=", logicId)
      : query.where(sql<boolean>`starts_with(workload_logic_id, ${logicId})`);
  }
  if (filters.deployment) query = query.where("deployment_id", "=", filters.deployment);
  if (filters.statuses) query = query.where("status", "in", filters.statuses);
  if (filters.fromNs !== undefined) query = query.where("start_time_unix_nano", ">=", filters.fromNs.toString());
  if (filters.toNs !== undefined) query = query.where("start_time_unix_nano", "<=", filters.toNs.toString());
  if (filters.q) {
    const q = filters.q;
    query = query.where((eb) => eb.or([eb("run_id", "=", q), eb("trace_id", "=", q), sql<boolean>`starts_with(run_id, ${q})`]));
  }
  for (const score of filters.scores ?? []) {
    // Equality on (tenant, run, name) keeps each probe on scores_run_idx; a number compares the
    // value (a boolean's is 1 / 0), a label the label.
    const column = typeof score.value === "number" ? "s.value" : "s.label";
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("scores as s")
          .select(sql`1`.as("one"))
          .whereRef("s.tenant_id", "=", "runs.tenant_id")
          .whereRef("s.run_id", "=", "runs.run_id")
          .where("s.name", "=", score.name)
          .where(column, score.op, score.value),
      ),
    );
  }
  if (cursor) {
    // Row comparison: strictly after the cursor in (start desc, run id desc) order.
    query = query.where(sql<boolean>`(start_time_unix_nano, run_id) < (${cursor.startNs}::int8, ${cursor.runId})`);
  }
  const rows = await query
    .orderBy("start_time_unix_nano", "desc")
    .orderBy("run_id", "desc")
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const scores = await runScoreBriefs(db, tenantId, page.map((row) => row.run_id));
  return {
    runs: page.map((row) => ({ ...toRunView(row), scores: scores.get(row.run_id) ?? [] })),
    nextCursor: rows.length > limit && last ? encodeRunListCursor({ startNs: last.start_time_unix_nano, runId: last.run_id }) : null,
  };
}

/** The run of the same workload that started just before this one (the header's "previous run" link). */
export async function previousRunId(db: Kysely<DB>, tenantId: string, workloadName: string, startNs: string, runId: string): Promise<string | null> {
  const row = await db
    .selectFrom("runs")
    .select("run_id")
    .where("tenant_id", "=", tenantId)
    .where("workload_name", "=", workloadName)
    .where(sql<boolean>`(start_time_unix_nano, run_id) < (${startNs}::int8, ${runId})`)
    .orderBy("start_time_unix_nano", "desc")
    .orderBy("run_id", "desc")
    .limit(1)
    .executeTakeFirst();
  return row?.run_id ?? null;
}


/** Entries each filter menu offers at most; a value from the URL past them stays selectable (filter-options.tsx). */
export const FILTER_MENU_LIMITS: Readonly<{ workloads: number; versionsPerWorkload: number; deployments: number }> = { workloads: 200, versionsPerWorkload: 50, deployments: 200 };

/**
 * What the runs page's filter menus offer: the workloads (by name), each one's most recently seen
 * versions, and the deployments, each bounded (FILTER_MENU_LIMITS), so a tenant with thousands of
 * versions (a logic id per deploy) costs the page a bounded read.
 */
export async function runFilterOptions(db: Kysely<DB>, tenantId: string, limits = FILTER_MENU_LIMITS): Promise<RunFilterOptions> {
  // Loose index scans over workload_versions' primary key (one probe per workload), then each
  // workload's newest versions over workload_versions_recent_idx.
  const versions = await sql<{ workload_name: string; logic_id: string; version: string | null }>`
    with recursive w as (
      (select workload_name from workload_versions where tenant_id = ${tenantId} order by workload_name limit 1)
      union all
      select (select v.workload_name from workload_versions v where v.tenant_id = ${tenantId} and v.workload_name > w.workload_name
              order by v.workload_name limit 1)
      from w where w.workload_name is not null
    ), names as (
      -- No order by here: the recursion yields names in order, and the limit stops it early.
      select workload_name from w where workload_name is not null limit ${limits.workloads})
    select n.workload_name, v.logic_id, v.version
    from names n cross join lateral (
      select logic_id, version, last_seen_unix_nano from workload_versions
      where tenant_id = ${tenantId} and workload_name = n.workload_name
      order by last_seen_unix_nano desc, logic_id limit ${limits.versionsPerWorkload}) v
    order by n.workload_name, v.last_seen_unix_nano desc, v.logic_id`.execute(db);
  // A loose index scan over runs_deployment_start_idx: one probe per distinct deployment, not one per run.
  const deployments = await sql<{ deployment_id: string }>`
    with recursive d as (
      (select deployment_id from runs where tenant_id = ${tenantId} and deployment_id is not null order by deployment_id limit 1)
      union all
      select (select r.deployment_id from runs r where r.tenant_id = ${tenantId} and r.deployment_id > d.deployment_id
              order by r.deployment_id limit 1)
      from d where d.deployment_id is not null
    )
    select deployment_id from d where deployment_id is not null limit ${limits.deployments}`.execute(db);
  return {
    workloads: [...new Set(versions.rows.map((v) => v.workload_name))],
    versions: versions.rows.map((v) => ({ workloadName: v.workload_name, logicId: v.logic_id, version: v.version })),
    deployments: deployments.rows.map((r) => r.deployment_id),
  };
}
