import { sql, type Kysely } from "kysely";

// Every key of tenant data starts with tenant_id, so the tables can be distributed by it
// (docs/scaling.md); audit_events' primary key was its id alone. Ids stay unique (one sequence).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events drop constraint audit_events_pkey, add constraint audit_events_pkey primary key (tenant_id, id)`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table audit_events drop constraint audit_events_pkey, add constraint audit_events_pkey primary key (id)`.execute(db);
}
