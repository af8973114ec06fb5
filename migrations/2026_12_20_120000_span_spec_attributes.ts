import { sql, type Kysely } from "kysely";

// A node span's `codon.nodespec.*` attributes that its tenant's node_specs row holds unchanged are
// left out of `attributes`, and bits 20-25 of `column_attributes` say which (positions are
// lib/db/spec-attributes.ts's, frozen); reads put them back from node_specs. No schema change:
// this migration marks the format, so rolling back puts the attributes back first.
// eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars
export async function up(_db: Kysely<any>): Promise<void> {}

// Frozen copy of the positions at the time of this migration (migrations never import app code).
const FIRST_BIT = 20;
const POSITIONS: [string, string][] = [
  ["codon.nodespec.version", "spec_version"], ["codon.nodespec.callable_signature", "callable_signature"],
  ["codon.nodespec.input_schema", "input_schema"], ["codon.nodespec.output_schema", "output_schema"],
  ["codon.nodespec.model_name", "model_name"], ["codon.nodespec.model_version", "model_version"],
];

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const [i, [key, column]] of POSITIONS.entries()) {
    const bit = 1 << (FIRST_BIT + i);
    await sql`
      update spans s set attributes = s.attributes || jsonb_build_object(${key}::text, n.${sql.ref(column)}), column_attributes = s.column_attributes & ~${bit}::int4
      from node_specs n
      where s.column_attributes & ${bit}::int4 <> 0 and n.tenant_id = s.tenant_id and n.nodespec_id = s.nodespec_id and n.${sql.ref(column)} is not null`.execute(db);
  }
}
