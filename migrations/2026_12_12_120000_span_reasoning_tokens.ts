import { sql, type Kysely } from "kysely";

// Reasoning ("thinking") tokens a call reports apart from its output: kept to show, not priced
// apart (providers count them in the output, which is priced).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table spans add column reasoning_tokens int8`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table spans drop column reasoning_tokens`.execute(db);
}
