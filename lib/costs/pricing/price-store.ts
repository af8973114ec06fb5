import type { Kysely, Transaction } from "kysely";
import { lockKeys } from "@/lib/db/advisory-locks";
import type { DB } from "@/lib/db/types";
import type { OverridePrice } from "@/lib/costs/pricing/overrides";

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Prices and stored costs must not drift apart. Ingest holds a tenant's price lock shared while it
 * prices and stores spans; a price change holds it exclusively while it saves the price and queues
 * the job that reprices history. So a span is either priced with the new price at ingest, or
 * committed before the change and reached by the job.
 */
export function lockTenantPrices(trx: Transaction<DB>, tenantIds: readonly string[], mode: "shared" | "exclusive"): Promise<void> {
  return lockKeys(trx, tenantIds.map((id) => `prices\u001f${id}`), mode);
}

export interface OverrideRow {
  tenant_id: string;
  id: string;
  provider: string | null;
  model: string;
  effective_from: Date;
  input_usd_per_mtok: string;
  output_usd_per_mtok: string;
  cache_read_usd_per_mtok: string | null;
  cache_write_usd_per_mtok: string | null;
}

export function toOverridePrice(row: OverrideRow): OverridePrice {
  return {
    id: String(row.id),
    provider: row.provider,
    model: row.model,
    effectiveFromMs: new Date(row.effective_from).getTime(),
    inputUsdPerMtok: Number(row.input_usd_per_mtok),
    outputUsdPerMtok: Number(row.output_usd_per_mtok),
    cacheReadUsdPerMtok: row.cache_read_usd_per_mtok === null ? null : Number(row.cache_read_usd_per_mtok),
    cacheWriteUsdPerMtok: row.cache_write_usd_per_mtok === null ? null : Number(row.cache_write_usd_per_mtok),
  };
}

/** Every override of the given tenants, by tenant (a small table: a handful of rows per tenant). */
export async function loadOverrides(db: Executor, tenantIds: readonly string[]): Promise<Map<string, OverridePrice[]>> {
  const byTenant = new Map<string, OverridePrice[]>();
  if (tenantIds.length === 0) return byTenant;
  const rows = await db
    .selectFrom("price_overrides")
    .select([
      "tenant_id",
      "id",
      "provider",
      "model",
      "effective_from",
      "input_usd_per_mtok",
      "output_usd_per_mtok",
      "cache_read_usd_per_mtok",
      "cache_write_usd_per_mtok",
    ])
    .where("tenant_id", "in", [...new Set(tenantIds)])
    .execute();
  for (const row of rows) {
    const list = byTenant.get(row.tenant_id) ?? [];
    list.push(toOverridePrice(row));
    byTenant.set(row.tenant_id, list);
  }
  return byTenant;
}
