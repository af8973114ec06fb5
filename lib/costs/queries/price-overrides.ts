import "server-only";
import { sql, type Kysely, type Selectable } from "kysely";
import type { PriceOverride, PriceOverrideCreated, PriceOverrideList, RepriceJob } from "@/lib/costs/types";
import type { DB, PriceOverridesTable, RepriceJobsTable } from "@/lib/db/types";
import { inTransaction } from "@/lib/db/transaction";
import { NotFoundError } from "@/lib/http/not-found";
import type { PriceOverrideInput } from "@/lib/costs/pricing/override-input";
import { lockTenantPrices } from "@/lib/costs/pricing/price-store";

/** Finished jobs shown under the prices (the running and queued ones always are). */
const RECENT_FINISHED_JOBS = 5;

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

export function toPriceOverride(row: Selectable<PriceOverridesTable>): PriceOverride {
  return {
    id: String(row.id),
    provider: row.provider,
    model: row.model,
    effectiveFrom: new Date(row.effective_from).toISOString(),
    inputUsdPerMtok: Number(row.input_usd_per_mtok),
    outputUsdPerMtok: Number(row.output_usd_per_mtok),
    cacheReadUsdPerMtok: row.cache_read_usd_per_mtok === null ? null : Number(row.cache_read_usd_per_mtok),
    cacheWriteUsdPerMtok: row.cache_write_usd_per_mtok === null ? null : Number(row.cache_write_usd_per_mtok),
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export function toRepriceJob(row: Selectable<RepriceJobsTable>): RepriceJob {
  return {
    id: String(row.id),
    reason: row.reason,
    model: row.model,
    status: row.status,
    totalSpans: Number(row.total_spans),
    doneSpans: Number(row.done_spans),
    changedSpans: Number(row.changed_spans),
    error: row.error,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

/** A tenant's prices (by model, newest date first) and its repricing jobs. */
export async function listPriceOverrides(db: Kysely<DB>, tenantId: string): Promise<PriceOverrideList> {
  const overrides = await db
    .selectFrom("price_overrides")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .orderBy(sql`lower(model)`)
    .orderBy("effective_from", "desc")
    .orderBy("id", "desc")
    .execute();
  const pending = await db
    .selectFrom("reprice_jobs")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("status", "in", ["queued", "running"])
    .orderBy("id", "desc")
    .execute();
  const finished = await db
    .selectFrom("reprice_jobs")
    .selectAll()
    .where("tenant_id", "=", tenantId)
    .where("status", "in", ["completed", "failed"])
    .orderBy("id", "desc")
    .limit(RECENT_FINISHED_JOBS)
    .execute();
  return { overrides: overrides.map(toPriceOverride), jobs: [...pending, ...finished].map(toRepriceJob) };
}

const dateOnly = (date: Date) => date.toISOString().replace(/T00:00:00\.000Z$/, "");

/**
 * Saves a price (replacing the one for the same model, provider and date) and queues the job that
 * reprices the model's stored spans, in one transaction under the tenant's price lock.
 */
export async function createPriceOverride(db: Kysely<DB>, tenantId: string, input: PriceOverrideInput): Promise<PriceOverrideCreated> {
  return inTransaction(db, async (trx) => {
    await lockTenantPrices(trx, [tenantId], "exclusive");
    const { rows } = await sql<Selectable<PriceOverridesTable>>`
      insert into price_overrides (tenant_id, provider, model, effective_from, input_usd_per_mtok, output_usd_per_mtok,
        cache_read_usd_per_mtok, cache_write_usd_per_mtok)
      values (${tenantId}, ${input.provider}, ${input.model}, ${input.effectiveFrom.toISOString()}::timestamptz,
        ${input.inputUsdPerMtok}, ${input.outputUsdPerMtok}, ${input.cacheReadUsdPerMtok}, ${input.cacheWriteUsdPerMtok})
      on conflict (tenant_id, lower(model), lower(coalesce(provider, '')), effective_from) do update set
        provider = excluded.provider, model = excluded.model, input_usd_per_mtok = excluded.input_usd_per_mtok,
        output_usd_per_mtok = excluded.output_usd_per_mtok, cache_read_usd_per_mtok = excluded.cache_read_usd_per_mtok,
        cache_write_usd_per_mtok = excluded.cache_write_usd_per_mtok, created_at = now()
      returning *`.execute(trx);
    const override = toPriceOverride(rows[0]!);
    const job = await trx
      .insertInto("reprice_jobs")
      .values({ tenant_id: tenantId, model: input.model, reason: `Price for ${input.model} set from ${dateOnly(input.effectiveFrom)}` })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { override, job: toRepriceJob(job) };
  });
}

/** Removes a price; its model's stored spans go back to the library's price (or another override) by a queued job. */
export async function deletePriceOverride(db: Kysely<DB>, tenantId: string, id: string): Promise<RepriceJob> {
  if (!/^\d{1,18}$/.test(id)) throw new NotFoundError(`No price ${id}`);
  return inTransaction(db, async (trx) => {
    await lockTenantPrices(trx, [tenantId], "exclusive");
    const removed = await trx
      .deleteFrom("price_overrides")
      .where("tenant_id", "=", tenantId)
      .where(sql`id`, "=", id)
      .returning(["model", "effective_from"])
      .executeTakeFirst();
    if (!removed) throw new NotFoundError(`No price ${id}`);
    const job = await trx
      .insertInto("reprice_jobs")
      .values({ tenant_id: tenantId, model: removed.model, reason: `Price for ${removed.model} from ${dateOnly(new Date(removed.effective_from))} removed` })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRepriceJob(job);
  });
}

export async function getRepriceJob(db: Kysely<DB>, tenantId: string, id: string): Promise<RepriceJob> {
  if (!/^\d{1,18}$/.test(id)) throw new NotFoundError(`No repricing job ${id}`);
  const row = await db.selectFrom("reprice_jobs").selectAll().where("tenant_id", "=", tenantId).where(sql`id`, "=", id).executeTakeFirst();
  if (!row) throw new NotFoundError(`No repricing job ${id}`);
  return toRepriceJob(row);
}
