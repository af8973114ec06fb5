import { sql, type Kysely } from "kysely";

// Where each span's cost came from, so repricing (a tenant's price override) never touches a cost
// the span reported itself; and an index for the unpriced models list: spans with a model and
// no cost.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table spans add column cost_source text check (cost_source in ('reported', 'price_library', 'override'))`.execute(db);
  // Until now only reported costs were stored.
  await sql`update spans set cost_source = 'reported' where cost_usd is not null`.execute(db);
  await sql`create index spans_unpriced_idx on spans (tenant_id, model_vendor, model_name) where cost_usd is null and model_name is not null`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists spans_unpriced_idx`.execute(db);
  await sql`alter table spans drop column if exists cost_source`.execute(db);
}
