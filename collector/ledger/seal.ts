import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import { chainEventsOf, packHashes, unpackHashes } from "@/collector/ledger/run-events";
import { chainHead, chainLinks, eventDigest, orderEvents } from "@/sdk/src/ledger-chain/chain";

/** Audit events looked at per tenant and pass: a flood is taken in slices. */
const WATERMARK_SLICE = 50_000;
/** Events younger than this are looked at again next pass: a transaction that took a lower id may commit after a higher one. */
const SETTLE_SECONDS = 30;

/**
 * Gives every run that gained audit events since the tenant's watermark a chain to seal, and
 * moves the watermark past the events old enough to be settled. Returns how many it added. Runs
 * already sealed are not touched here: ingest marks them stale as it stores their late events
 * (markSealedRunsStale), so an event put in the table behind the collector's back is in no seal
 * and verification calls it out.
 */
export async function markRunsWithNewEvents(db: Kysely<DB>, tenantId: string): Promise<number> {
  const mark = await db.selectFrom("ledger_watermarks").select("audit_event_id").where("tenant_id", "=", tenantId).executeTakeFirst();
  const from = mark?.audit_event_id ?? "0";
  const { rows } = await sql<{ marked: number; settled: string | null }>`
    with seen as (
      select run_id, id, received_at from audit_events
      where tenant_id = ${tenantId} and id > ${from}::int8 and id <= ${from}::int8 + ${WATERMARK_SLICE}
    ), marked as (
      insert into ledger_chains (tenant_id, run_id)
      select distinct ${tenantId}, run_id from seen
      on conflict (tenant_id, run_id) do nothing
      returning 1
    )
    select (select count(*)::int from marked) as marked,
      (select max(id)::text from seen where received_at < now() - make_interval(secs => ${SETTLE_SECONDS})) as settled`.execute(db);
  const settled = rows[0]?.settled ?? null;
  if (settled !== null) {
    await sql`
      insert into ledger_watermarks (tenant_id, audit_event_id) values (${tenantId}, ${settled}::int8)
      on conflict (tenant_id) do update set audit_event_id = greatest(ledger_watermarks.audit_event_id, excluded.audit_event_id)`.execute(db);
  }
  return rows[0]?.marked ?? 0;
}

/**
 * On the ingest path, in the batch's transaction: the sealed runs among those that just gained
 * audit events need sealing again. One probe of the chains' primary key per such run.
 */
export async function markSealedRunsStale(trx: Transaction<DB>, tenantId: string, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) return;
  await sql`
    update ledger_chains set stale = true
    where tenant_id = ${tenantId} and run_id = any(${[...runIds]}::text[]) and not stale`.execute(trx);
}

/** Finished runs whose chain needs (re)sealing, a bounded batch. */
export async function runsToSeal(db: Kysely<DB>, tenantId: string, limit: number): Promise<string[]> {
  const { rows } = await sql<{ run_id: string }>`
    select c.run_id from ledger_chains c join runs r on r.tenant_id = c.tenant_id and r.run_id = c.run_id
    where c.tenant_id = ${tenantId} and c.stale and r.status <> 'running'
    order by c.run_id limit ${limit}`.execute(db);
  return rows.map((row) => row.run_id);
}

export type SealOutcome = "sealed" | "unchanged" | "refused" | "too_many";

/** Digests of `sealed` missing from `now` (a multiset difference): sealed events since removed or changed. */
function missing(sealed: readonly string[], now: readonly string[]): number {
  const count = new Map<string, number>();
  for (const digest of now) count.set(digest, (count.get(digest) ?? 0) + 1);
  let gone = 0;
  for (const digest of sealed) {
    const left = count.get(digest) ?? 0;
    if (left === 0) gone++;
    else count.set(digest, left - 1);
  }
  return gone;
}

/**
 * Seals a finished run's chain: its events in canonical order (time, then digest), each linked
 * to the one before. A reseal (late events) keeps every event already sealed; one that finds a
 * sealed event gone or changed refuses, records why, and keeps the old seal, so a later event
 * cannot launder an edit into a fresh chain.
 */
export async function sealRun(db: Kysely<DB>, tenantId: string, runId: string): Promise<SealOutcome> {
  return db.transaction().execute(async (trx) => {
    const chain = await trx.selectFrom("ledger_chains").selectAll().where("tenant_id", "=", tenantId).where("run_id", "=", runId).forUpdate().executeTakeFirst();
    if (!chain || !chain.stale) return "unchanged";
    const events = await chainEventsOf(trx, tenantId, runId);
    const done = (changes: { broken?: string | null }) =>
      trx.updateTable("ledger_chains").set({ stale: false, ...changes }).where("tenant_id", "=", tenantId).where("run_id", "=", runId).execute();
    if (events === null) {
      await done({ broken: "too many audit events to chain" });
      return "too_many";
    }
    const ordered = orderEvents(events);
    const digests = ordered.map((event) => Buffer.from(eventDigest(event), "hex"));
    const links = chainLinks(runId, ordered);
    const head = chainHead(runId, links).toString("hex");
    if (chain.seal > 0) {
      const sealed = unpackHashes(chain.digests);
      const gone = missing(sealed, digests.map((digest) => digest.toString("hex")));
      if (gone > 0) {
        await done({ broken: `${gone} event(s) of seal ${chain.seal} are gone or changed; not resealed` });
        return "refused";
      }
      if (chain.head === head && chain.event_count === ordered.length) {
        await done({});
        return "unchanged";
      }
    }
    const seal = chain.seal + 1;
    const added = ordered.length - chain.event_count;
    await trx
      .updateTable("ledger_chains")
      .set({ stale: false, seal, event_count: ordered.length, links: packHashes(links), digests: packHashes(digests), head, sealed_at: sql<Date>`now()`, broken: null })
      .where("tenant_id", "=", tenantId)
      .where("run_id", "=", runId)
      .execute();
    await trx
      .insertInto("ledger_seals")
      .values({ tenant_id: tenantId, run_id: runId, seal, event_count: ordered.length, head, reason: seal === 1 ? "sealed once the run finished" : `${added} late event(s)` })
      .execute();
    return "sealed";
  });
}
