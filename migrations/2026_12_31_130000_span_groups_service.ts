import { sql, type Kysely } from "kysely";

// A run DAG node's service (the OTel service.name of its spans), so the graph can fold nodes by
// service. Folded like role: the greatest name wins when a node's spans came from several services,
// whatever order they arrived in. Existing groups are filled from their spans once, here: one pass
// over the spans table, grouped as the roll-up is keyed (migration 2026_12_28_120000_span_groups_by_node).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table run_span_groups add column service_name text`.execute(db);
  await sql`
    update run_span_groups g set service_name = s.service_name
    from (
      select tenant_id, run_id, node_name, (case when node_name is null then nodespec_id end) as spec_key, max(service_name) as service_name
      from spans
      group by tenant_id, run_id, node_name, (case when node_name is null then nodespec_id end)
    ) s
    where s.service_name is not null and g.tenant_id = s.tenant_id and g.run_id = s.run_id
      and g.node_name is not distinct from s.node_name
      and (case when g.node_name is null then g.nodespec_id end) is not distinct from s.spec_key`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table run_span_groups drop column service_name`.execute(db);
}
