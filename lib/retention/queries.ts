import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { effectiveRetentionDays } from "@/lib/retention/policy";
import type { RetentionSetting } from "@/lib/retention/types";

export interface TenantRetention {
  tenantId: string;
  /** The tenant's own setting; null follows the server's default. */
  tenantDays: number | null;
  /** What applies: 0 keeps everything. */
  days: number;
}

/** One tenant's retention; a tenant without a row (no key created yet) follows the default. */
export async function getTenantRetention(db: Kysely<DB>, tenantId: string, defaultDays: number): Promise<RetentionSetting> {
  const row = await db.selectFrom("tenants").select("retention_days").where("id", "=", tenantId).executeTakeFirst();
  const tenantDays = row?.retention_days ?? null;
  return { days: effectiveRetentionDays(tenantDays, defaultDays), tenantDays, defaultDays };
}

/** Sets (or, with null, clears) a tenant's own retention. */
export async function setTenantRetention(db: Kysely<DB>, tenantId: string, days: number | null): Promise<void> {
  await db
    .insertInto("tenants")
    .values({ id: tenantId, name: tenantId, retention_days: days })
    .onConflict((oc) => oc.column("id").doUpdateSet({ retention_days: days }))
    .execute();
}

/** Every tenant's retention, for the background job. */
export async function listTenantRetention(db: Kysely<DB>, defaultDays: number): Promise<TenantRetention[]> {
  const rows = await db.selectFrom("tenants").select(["id", "retention_days"]).orderBy("id").execute();
  return rows.map((row) => ({ tenantId: row.id, tenantDays: row.retention_days, days: effectiveRetentionDays(row.retention_days, defaultDays) }));
}
