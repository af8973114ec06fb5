import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { accessLogCutoff, deleteExpiredAccessLog } from "@/lib/access-log/queries/expire";
import { DAG_ROLLUP_TABLES } from "@/collector/store/dag-rollups";
import { lockVersions, tryLockRuns } from "@/collector/store/locks";
import { deleteExpiredMetricPoints } from "@/collector/store/metric-retention";
import { versionKeyOf, type VersionKey } from "@/collector/store/versions";

export interface RetentionBatch {
  /** Runs removed, with all their rows. */
  deletedRuns: string[];
  /** Log records removed (by their own time, whatever their run). */
  deletedLogRecords: number;
  /** Metric points removed (by their own time). */
  deletedMetricPoints: number;
  /** The batch was full: more runs or log records past the cutoff may wait. */
  more: boolean;
}

/** Log records removed per batch, for each run a batch may remove. */
const LOG_RECORDS_PER_RUN = 50;

interface Candidate {
  run_id: string;
}

interface DeletedRun {
  run_id: string;
  workload_name: string | null;
  workload_logic_id: string | null;
}

/**
 * Removes, in one transaction, up to `limit` of a tenant's oldest runs whose last activity ended
 * before `cutoffNs`: their spans, audit events and roll-up rows, then the runs; then
 * counts their versions' runs down; up to `limit` × 50 of its metric points older than the
 * cutoff (metric-retention.ts); and up to `limit` × 50 of its log records older than the
 * cutoff, oldest first (on the primary key, which leads with the time). A version keeps its row (graph, first and last seen, version
 * string) so the logic-id history stays whole; only its run count drops. Runs a writer holds
 * are skipped for this round, so retention never waits on ingest.
 */
export async function deleteExpiredRuns(db: Kysely<DB>, tenantId: string, cutoffNs: bigint, limit: number): Promise<RetentionBatch> {
  const cutoff = cutoffNs.toString();
  return db.transaction().execute(async (trx) => {
    // Oldest first on runs_start_idx: a run starts before it ends, so start < cutoff bounds the scan.
    const candidates = await sql<Candidate>`
      select run_id from runs
      where tenant_id = ${tenantId} and start_time_unix_nano < ${cutoff}::int8 and end_time_unix_nano < ${cutoff}::int8
      order by start_time_unix_nano, run_id
      limit ${limit}`.execute(trx);
    const runIds = candidates.rows.map((row) => row.run_id);
    const logLimit = limit * LOG_RECORDS_PER_RUN;
    const { rows: removedLogs } = await sql<{ record_key: string }>`
      delete from log_records where tenant_id = ${tenantId} and (time_unix_nano, record_key) in (
        select time_unix_nano, record_key from log_records where tenant_id = ${tenantId} and time_unix_nano < ${cutoff}::int8
        order by time_unix_nano, record_key limit ${logLimit})
      returning record_key`.execute(trx);
    const metrics = await deleteExpiredMetricPoints(trx, tenantId, cutoffNs, logLimit);
    // Scores whose trace never arrived belong to no run the loop below removes (a small partial index).
    await sql`
      delete from scores where tenant_id = ${tenantId} and pending_trace and score_id in (
        select score_id from scores where tenant_id = ${tenantId} and pending_trace and time_unix_nano < ${cutoff}::int8 limit ${logLimit})`.execute(trx);
    await deleteExpiredAccessLog(trx, tenantId, accessLogCutoff(new Date(Number(cutoffNs / 1_000_000n)), Date.now()), logLimit);
    const moreLogs = removedLogs.length === logLimit || metrics.more;
    const locked = await tryLockRuns(trx, tenantId, runIds);
    if (locked.length === 0) return { deletedRuns: [], deletedLogRecords: removedLogs.length, deletedMetricPoints: metrics.deletedPoints, more: moreLogs };
    // Checked again under the locks: a writer may have committed a late span since the select.
    const deleted = await sql<DeletedRun>`
      delete from runs
      where tenant_id = ${tenantId} and run_id = any(${locked}::text[]) and end_time_unix_nano < ${cutoff}::int8
      returning run_id, workload_name, workload_logic_id`.execute(trx);
    const gone = deleted.rows.map((row) => row.run_id);
    for (const table of ["spans", "audit_events", "scores", "ledger_chains", "ledger_seals", "run_nodes", "run_models", "run_call_usage", "run_ledger_nodes", ...DAG_ROLLUP_TABLES] as const) {
      await sql`delete from ${sql.table(table)} where tenant_id = ${tenantId} and run_id = any(${gone}::text[])`.execute(trx);
    }
    const versions = new Map<string, VersionKey & { runs: number }>();
    for (const row of deleted.rows) {
      if (row.workload_name === null || row.workload_logic_id === null) continue;
      const key = { workloadName: row.workload_name, logicId: row.workload_logic_id };
      const seen = versions.get(versionKeyOf(key));
      if (seen) seen.runs += 1;
      else versions.set(versionKeyOf(key), { ...key, runs: 1 });
    }
    if (versions.size > 0) {
      await lockVersions(trx, tenantId, [...versions.keys()]);
      const keys = [...versions.values()];
      // Counted down, not recounted: a recount reads every run of the version, which grows with
      // the table. Under the version lock the count included these runs; the next write to the
      // version recounts it anyway.
      await sql`
        update workload_versions v set run_count = greatest(v.run_count - k.runs, 0), updated_at = now()
        from unnest(${keys.map((k) => k.workloadName)}::text[], ${keys.map((k) => k.logicId)}::text[], ${keys.map((k) => k.runs)}::int[])
          as k(workload_name, logic_id, runs)
        where v.tenant_id = ${tenantId} and v.workload_name = k.workload_name and v.logic_id = k.logic_id`.execute(trx);
    }
    return { deletedRuns: gone, deletedLogRecords: removedLogs.length, deletedMetricPoints: metrics.deletedPoints, more: runIds.length === limit || moreLogs };
  });
}
