import { sql, type Kysely } from "kysely";

// - reasoning_tokens: "thinking" tokens a call reports apart from its output; kept to show, not
//   priced apart (providers count them in the output, which is priced);
// - request_model: the model the call asked for, shown beside model_name (the model that
//   answered, which is priced) when they differ.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table spans add column reasoning_tokens int8, add column request_model text`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table spans drop column reasoning_tokens, drop column request_model`.execute(db);
}
