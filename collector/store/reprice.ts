import { sql, type Kysely, type Selectable } from "kysely";
import type { DB, RepriceJobsTable } from "@/lib/db/types";
import { loadOverrides, lockTenantPrices } from "@/lib/costs/pricing/price-store";
import { spanCost } from "@/collector/store/price-spans";
import { recomputeDagRollups } from "@/collector/store/dag-rollups";
import { recomputeRuns } from "@/collector/store/run-aggregates";
import { recomputeRunModels } from "@/collector/store/run-models";
import { recomputeRunNodes } from "@/collector/store/run-nodes";
import { lockRuns } from "@/collector/store/locks";

export type RepriceJobRow = Selectable<RepriceJobsTable>;

/** A job whose worker stopped sending heartbeats this long ago (a crashed process) is taken over. */
const STALE_AFTER_SECONDS = 60;

/**
 * Takes a queued job (or one abandoned by a crashed worker) and marks it running. Tenants take
 * turns: a tenant not in `servedOrder` (least recently served first) goes before those in it, and
 * within a tenant the oldest job goes first, so one tenant's many jobs do not keep others waiting.
 */
export async function claimRepriceJob(db: Kysely<DB>, servedOrder: readonly string[] = []): Promise<RepriceJobRow | null> {
  const { rows } = await sql<RepriceJobRow>`
    update reprice_jobs set status = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now()
    where id = (
      select id from reprice_jobs
      where status = 'queued' or (status = 'running' and heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}))
      order by array_position(${[...servedOrder]}::text[], tenant_id) nulls first, id limit 1
      for update skip locked)
    returning *`.execute(db);
  return rows[0] ?? null;
}

/** Whether another tenant has a job waiting (the running one then ends its turn). */
export async function otherTenantWaiting(db: Kysely<DB>, tenantId: string): Promise<boolean> {
  const { rows } = await sql<{ waiting: boolean }>`
    select exists(select 1 from reprice_jobs where status = 'queued' and tenant_id <> ${tenantId}) as waiting`.execute(db);
  return rows[0]?.waiting === true;
}

interface SpanToPrice {
  trace_id: string;
  span_id: string;
  run_id: string;
  model_vendor: string | null;
  model_name: string;
  start_time_unix_nano: string;
  input_tokens: string | null;
  output_tokens: string | null;
  total_tokens: string | null;
  cache_read_tokens: string | null;
  cache_write_tokens: string | null;
  cost_usd: string | null;
  cost_source: string | null;
}

/** The spans a job covers: one model's (not their reported costs), or for the backfill, those never priced. */
function scope(job: RepriceJobRow, modelKey: string) {
  const priced = job.model === null ? sql`s.cost_source is null` : sql`s.cost_source is distinct from 'reported'`;
  return sql`s.tenant_id = ${job.tenant_id} and s.model_name is not null and lower(s.model_name) = ${modelKey} and ${priced}`;
}

const sameCost = (a: string | null, b: string | null) => (a === null || b === null ? a === b : Number(a) === Number(b));

export interface RepriceProgress {
  doneSpans: number;
  changedSpans: number;
  /** Runs whose cost changed, per tenant, for live views. */
  changedRuns: string[];
}

/** Where a job stopped: the model it was on and the last span done (keyset order). */
export interface RepricePosition {
  modelIndex: number;
  after: { traceId: string; spanId: string } | null;
}

export interface RepriceOptions {
  batchSize: number;
  /** The idle rule's cutoff now (recomputed runs keep the sweeper's notion of finished). */
  idleCutoffNs: () => bigint;
  /** Asked between batches; true stops the job where it is (it is taken up again later). */
  stopping: () => boolean | Promise<boolean>;
  /** Continue a job this process stopped earlier, rather than start it over. */
  resumeFrom?: RepricePosition;
  onBatch?: (progress: RepriceProgress) => void;
}

export type RepriceOutcome = { finished: true } | { finished: false; position: RepricePosition };

/**
 * Reprices a job's spans in key order, a batch per transaction: each batch reads the tenant's
 * prices under its price lock, rewrites the costs that changed, and recomputes the roll-ups of
 * the runs they belong to. Rerunning a job (after a crash) repeats work but changes nothing twice.
 * Stopped before the end, it says where, so this process can resume it there.
 */
export async function runRepriceJob(db: Kysely<DB>, job: RepriceJobRow, options: RepriceOptions): Promise<RepriceOutcome> {
  const models = job.model !== null ? [job.model.trim().toLowerCase()] : await unpricedModels(db, job.tenant_id);
  if (!options.resumeFrom) {
    let total = 0;
    for (const model of models) {
      const counted = await sql<{ n: string }>`select count(*) as n from spans s where ${scope(job, model)}`.execute(db);
      total += Number(counted.rows[0]?.n ?? 0);
    }
    await db
      .updateTable("reprice_jobs")
      .set({ total_spans: total, done_spans: 0, changed_spans: 0, heartbeat_at: new Date() })
      .where(sql`id`, "=", job.id)
      .execute();
  }

  // The backfill's model list is read again on resume; sorted, so the index still means "from here on".
  for (let modelIndex = options.resumeFrom?.modelIndex ?? 0; modelIndex < models.length; modelIndex++) {
    const model = models[modelIndex]!;
    let after = modelIndex === options.resumeFrom?.modelIndex ? options.resumeFrom.after : null;
    for (;;) {
      if (await options.stopping()) return { finished: false, position: { modelIndex, after } };
      const batch = await repriceBatch(db, job, model, after, options);
      if (batch.last === null) break;
      after = batch.last;
      options.onBatch?.(batch.progress);
    }
  }
  await db
    .updateTable("reprice_jobs")
    .set({ status: "completed", finished_at: new Date(), heartbeat_at: new Date() })
    .where(sql`id`, "=", job.id)
    .execute();
  return { finished: true };
}

async function unpricedModels(db: Kysely<DB>, tenantId: string): Promise<string[]> {
  const { rows } = await sql<{ model: string }>`
    select distinct lower(model_name) as model from spans
    where tenant_id = ${tenantId} and model_name is not null and cost_source is null
    order by 1`.execute(db);
  return rows.map((row) => row.model);
}

async function repriceBatch(
  db: Kysely<DB>,
  job: RepriceJobRow,
  model: string,
  after: { traceId: string; spanId: string } | null,
  options: RepriceOptions,
): Promise<{ last: { traceId: string; spanId: string } | null; progress: RepriceProgress }> {
  return db.transaction().execute(async (trx) => {
    await lockTenantPrices(trx, [job.tenant_id], "shared");
    const overrides = (await loadOverrides(trx, [job.tenant_id])).get(job.tenant_id) ?? [];
    const keyset = after === null ? sql`` : sql` and (s.trace_id, s.span_id) > (${after.traceId}, ${after.spanId})`;
    const { rows } = await sql<SpanToPrice>`
      select s.trace_id, s.span_id, s.run_id, s.model_vendor, s.model_name, s.start_time_unix_nano, s.input_tokens,
        s.output_tokens, s.total_tokens, s.cache_read_tokens, s.cache_write_tokens, s.cost_usd, s.cost_source
      from spans s
      where ${scope(job, model)}${keyset}
      order by s.trace_id, s.span_id
      limit ${options.batchSize}`.execute(trx);
    const last = rows.at(-1);
    if (!last) return { last: null, progress: { doneSpans: 0, changedSpans: 0, changedRuns: [] } };

    const changed: { traceId: string; spanId: string; cost: string | null; source: string | null }[] = [];
    const runs = new Set<string>();
    for (const row of rows) {
      const cost = spanCost(row, null, row.model_vendor, row.model_name, BigInt(row.start_time_unix_nano), overrides);
      if (sameCost(cost.cost_usd, row.cost_usd) && cost.cost_source === row.cost_source) continue;
      changed.push({ traceId: row.trace_id, spanId: row.span_id, cost: cost.cost_usd, source: cost.cost_source });
      runs.add(row.run_id);
    }
    if (changed.length > 0) {
      await sql`
        update spans s set cost_usd = v.cost::numeric, cost_source = v.source
        from unnest(${changed.map((c) => c.traceId)}::text[], ${changed.map((c) => c.spanId)}::text[],
          ${changed.map((c) => c.cost)}::text[], ${changed.map((c) => c.source)}::text[]) as v(trace_id, span_id, cost, source)
        where s.tenant_id = ${job.tenant_id} and s.trace_id = v.trace_id and s.span_id = v.span_id`.execute(trx);
      const runIds = [...runs].sort();
      await lockRuns(trx, job.tenant_id, runIds);
      await recomputeRuns(trx, job.tenant_id, runIds, options.idleCutoffNs());
      await recomputeRunNodes(trx, job.tenant_id, runIds);
      await recomputeRunModels(trx, job.tenant_id, runIds);
      await recomputeDagRollups(trx, job.tenant_id, runIds);
    }
    await sql`
      update reprice_jobs set done_spans = done_spans + ${rows.length}, changed_spans = changed_spans + ${changed.length},
        heartbeat_at = now()
      where id = ${job.id}`.execute(trx);
    return {
      last: { traceId: last.trace_id, spanId: last.span_id },
      progress: { doneSpans: rows.length, changedSpans: changed.length, changedRuns: [...runs] },
    };
  });
}

/** Marks a job failed with the reason, so the settings page shows it. */
export async function failRepriceJob(db: Kysely<DB>, jobId: string, message: string): Promise<void> {
  await db
    .updateTable("reprice_jobs")
    .set({ status: "failed", error: message.slice(0, 1000), finished_at: new Date() })
    .where(sql`id`, "=", jobId)
    .execute();
}

/** Hands a job back to the queue (a worker shutting down mid-job). */
export async function requeueRepriceJob(db: Kysely<DB>, jobId: string): Promise<void> {
  await db.updateTable("reprice_jobs").set({ status: "queued", heartbeat_at: null }).where(sql`id`, "=", jobId).execute();
}
