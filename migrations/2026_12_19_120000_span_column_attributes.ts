import { sql, type Kysely } from "kysely";

// Codon's identity attributes (workload, logic id, run id, node spec, model) were stored twice:
// in their columns and in `attributes`. When an attribute's string value equals its column, the
// collector now leaves it out of `attributes` and sets its bit here (the positions are
// lib/db/column-attributes.ts's, frozen); reads put it back. Rows stored before have 0.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table spans add column column_attributes integer not null default 0`.execute(db);
}

// Frozen copy of the positions at the time of this migration (migrations never import app code).
const POSITIONS: [string, string][] = [
  ["codon.workload.run_id", "run_id"], ["codon.workload.id", "workload_id"], ["codon.workload.name", "workload_name"],
  ["codon.workload.version", "workload_version"], ["codon.workload.logic_id", "workload_logic_id"],
  ["codon.workload.deployment_id", "deployment_id"], ["codon.nodespec.id", "nodespec_id"], ["codon.nodespec.name", "node_name"],
  ["codon.nodespec.role", "node_role"], ["codon.model.vendor", "model_vendor"], ["codon.model.id", "model_name"],
  ["gen_ai.request.model", "request_model"], ["gen_ai.response.model", "model_name"],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const [bit, [key, column]] of POSITIONS.entries()) {
    await sql`
      update spans set attributes = attributes || jsonb_build_object(${key}::text, ${sql.ref(column)})
      where column_attributes & ${1 << bit} <> 0 and ${sql.ref(column)} is not null`.execute(db);
  }
  await sql`alter table spans drop column column_attributes`.execute(db);
}
