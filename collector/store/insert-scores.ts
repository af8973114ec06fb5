import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, NewScore } from "@/lib/db/types";
import { chunks } from "@/collector/store/chunks";

/**
 * Stores a batch's scores (a score sent again is skipped by its key). A score that named only its
 * trace takes the run of that trace's stored spans (this batch's included: they are inserted
 * first); with none stored yet it waits, keyed by the trace id, for resolvePendingScores.
 * Returns the runs of the new ones (one entry per score), for live views.
 */
export async function insertScores(trx: Transaction<DB>, scores: readonly NewScore[]): Promise<{ tenant_id: string; run_id: string }[]> {
  if (scores.length === 0) return [];
  const rows = await resolveTraces(trx, scores);
  const inserted: { tenant_id: string; run_id: string }[] = [];
  for (const part of chunks(rows)) {
    const added = await trx.insertInto("scores").values(part).onConflict((oc) => oc.columns(["tenant_id", "score_id"]).doNothing()).returning(["tenant_id", "run_id"]).execute();
    inserted.push(...added);
  }
  return inserted;
}

/** The run of each trace, from any one of its stored spans (the spans primary key's prefix). */
async function runsOfTraces(db: Kysely<DB> | Transaction<DB>, tenantId: string, traceIds: readonly string[]): Promise<Map<string, string>> {
  const { rows } = await sql<{ trace_id: string; run_id: string }>`
    select t.trace_id, (select s.run_id from spans s where s.tenant_id = ${tenantId} and s.trace_id = t.trace_id limit 1) as run_id
    from unnest(${[...traceIds]}::text[]) as t(trace_id)`.execute(db);
  return new Map(rows.filter((row) => row.run_id !== null).map((row) => [row.trace_id, row.run_id]));
}

async function resolveTraces(trx: Transaction<DB>, scores: readonly NewScore[]): Promise<NewScore[]> {
  const pendingByTenant = new Map<string, Set<string>>();
  for (const score of scores) {
    if (!score.pending_trace || score.trace_id == null) continue;
    const traces = pendingByTenant.get(score.tenant_id) ?? new Set<string>();
    traces.add(score.trace_id);
    pendingByTenant.set(score.tenant_id, traces);
  }
  if (pendingByTenant.size === 0) return [...scores];
  const runs = new Map<string, string>();
  for (const [tenantId, traces] of pendingByTenant) {
    for (const [traceId, runId] of await runsOfTraces(trx, tenantId, [...traces])) runs.set(`${tenantId}\u0000${traceId}`, runId);
  }
  return scores.map((score) => {
    const runId = score.pending_trace && score.trace_id != null ? runs.get(`${score.tenant_id}\u0000${score.trace_id}`) : undefined;
    return runId === undefined ? score : { ...score, run_id: runId, pending_trace: false };
  });
}

/** Scores resolved per pass: bounded, so a backlog never makes one long transaction. */
const RESOLVE_BATCH = 1000;

/**
 * Gives each waiting score (one that named only its trace) the run of its trace once that trace's
 * spans are stored. Run by the collector in the background, never on the ingest path; returns
 * how many were resolved. Scores whose trace never arrives keep the trace id as their run id,
 * which is the run id of a trace without Codon attributes.
 */
export async function resolvePendingScores(db: Kysely<DB>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with waiting as (
      select tenant_id, score_id, trace_id from scores where pending_trace order by tenant_id, trace_id limit ${RESOLVE_BATCH}
    ), found as (
      select w.tenant_id, w.score_id, (select s.run_id from spans s where s.tenant_id = w.tenant_id and s.trace_id = w.trace_id limit 1) as run_id
      from waiting w
    ), updated as (
      update scores set run_id = f.run_id, pending_trace = false
      from found f
      where scores.tenant_id = f.tenant_id and scores.score_id = f.score_id and f.run_id is not null
      returning 1
    )
    select count(*)::int as n from updated`.execute(db);
  return rows[0]?.n ?? 0;
}
