import { sql, type Kysely } from "kysely";

// A tenant's own retention in days (0 keeps everything); null follows RETENTION_DAYS.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table tenants add column retention_days integer check (retention_days >= 0)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table tenants drop column retention_days`.execute(db);
}
