import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";

/**
 * Takes or renews the lease on a background job for `ttlMs`: true while `holder` has it. A lease
 * another holder let expire (its process died or stalled) passes to whoever asks next, so of
 * several collectors sharing a database exactly one runs the job at a time, give or take a
 * stall longer than the lease.
 */
export async function holdLease(db: Kysely<DB>, job: string, holder: string, ttlMs: number): Promise<boolean> {
  const { rows } = await sql<{ holder: string }>`
    insert into job_leases as l (job, holder, expires_at) values (${job}, ${holder}, now() + ${Math.trunc(ttlMs)} * interval '1 millisecond')
    on conflict (job) do update set holder = excluded.holder, expires_at = excluded.expires_at
    where l.holder = excluded.holder or l.expires_at < now()
    returning holder`.execute(db);
  return rows.length === 1;
}

/** Gives the lease up at shutdown, so another collector takes the job at once instead of after it expires. */
export async function releaseLease(db: Kysely<DB>, job: string, holder: string): Promise<void> {
  await sql`delete from job_leases where job = ${job} and holder = ${holder}`.execute(db);
}
