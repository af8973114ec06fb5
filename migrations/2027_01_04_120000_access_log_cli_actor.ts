import { sql, type Kysely } from "kysely";

// Keys and users made or changed with `npm run apikey` / `npm run user` are in the access log
// too (issue 25): their actor is the command line, kind `cli`, which the actor check must allow.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table access_log drop constraint access_log_actor_kind_check`.execute(db);
  await sql`alter table access_log add constraint access_log_actor_kind_check check (actor_kind in ('key', 'session', 'user', 'cli', 'anonymous'))`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  // The log is append-only, so entries by the command line stay: the narrower check holds for new rows only.
  await sql`alter table access_log drop constraint access_log_actor_kind_check`.execute(db);
  await sql`alter table access_log add constraint access_log_actor_kind_check check (actor_kind in ('key', 'session', 'user', 'anonymous')) not valid`.execute(db);
}
