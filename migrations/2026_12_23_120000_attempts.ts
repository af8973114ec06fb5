import { sql, type Kysely } from "kysely";

// Retries (issue 21). A span's attempt number, when its SDK says (AGNT5-style attempt attributes,
// OTel http.request.resend_count + 1), is kept in its own column so the roll-ups can order a
// node's activations by it. The DAG's span groups learn which activations failed and whether
// the last one did: a node that failed and then succeeded is a retried node, not a failed one,
// and a run whose every failure was retried is completed, flagged `retried`. Groups folded
// before this are filled in from their spans once, so a late span merges against a known last
// activation; runs keep their status until their next batch.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table spans add column attempt int4`.execute(db);
  await sql`
    alter table run_span_groups
      add column failed_activations int4 not null default 0,
      add column last_attempt int4 not null default 0,
      add column last_start_ns int8,
      add column last_failed boolean not null default false`.execute(db);
  await sql`
    update run_span_groups g set failed_activations = s.failed, last_start_ns = s.last_start_ns, last_failed = s.last_failed
    from (
      select tenant_id, run_id, node_name, nodespec_id, count(*) filter (where status_code = 'error') as failed,
        (array_agg(start_time_unix_nano order by start_time_unix_nano desc, status_code = 'error' desc))[1] as last_start_ns,
        (array_agg(status_code = 'error' order by start_time_unix_nano desc, status_code = 'error' desc))[1] as last_failed
      from spans where node_name is not null
      group by tenant_id, run_id, node_name, nodespec_id) s
    where g.tenant_id = s.tenant_id and g.run_id = s.run_id and g.node_name = s.node_name and g.nodespec_id is not distinct from s.nodespec_id`.execute(db);
  await sql`alter table runs add column retried boolean not null default false`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table runs drop column retried`.execute(db);
  await sql`alter table run_span_groups drop column failed_activations, drop column last_attempt, drop column last_start_ns, drop column last_failed`.execute(db);
  await sql`alter table spans drop column attempt`.execute(db);
}
