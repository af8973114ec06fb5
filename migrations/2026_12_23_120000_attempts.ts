import { sql, type Kysely } from "kysely";

// Retries (issue 21). A span's attempt number, when its SDK says (AGNT5-style attempt attributes,
// OTel http.request.resend_count + 1), is kept in its own column so the roll-ups can order a
// node's activations by it. The DAG's span groups learn which activations failed and whether
// the last one did: a node that failed and then succeeded is a retried node, not a failed one,
// and a run whose every failure was retried is completed, flagged `retried`. Nothing is
// backfilled: groups folded before this carry no failed activations and read as before.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table spans add column attempt int4`.execute(db);
  await sql`
    alter table run_span_groups
      add column failed_activations int4 not null default 0,
      add column last_attempt int4 not null default 0,
      add column last_start_ns int8,
      add column last_failed boolean not null default false`.execute(db);
  await sql`alter table runs add column retried boolean not null default false`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table runs drop column retried`.execute(db);
  await sql`alter table run_span_groups drop column failed_activations, drop column last_attempt, drop column last_start_ns, drop column last_failed`.execute(db);
  await sql`alter table spans drop column attempt`.execute(db);
}
