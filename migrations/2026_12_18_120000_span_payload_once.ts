import { sql, type Kysely } from "kysely";

// A span's input and output text was stored twice: in input_text/output_text and in the
// attribute it came from (codon.node.input, input.value, …). When the text is that attribute's
// string value unchanged, the collector now leaves the attribute out of `attributes` and names it
// here; reads put it back. Rows stored before keep their attributes whole (both columns null).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table spans add column input_attribute text, add column output_attribute text`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    update spans set attributes = attributes
      || case when input_attribute is not null and input_text is not null then jsonb_build_object(input_attribute, input_text) else '{}'::jsonb end
      || case when output_attribute is not null and output_text is not null then jsonb_build_object(output_attribute, output_text) else '{}'::jsonb end
    where input_attribute is not null or output_attribute is not null`.execute(db);
  await sql`alter table spans drop column input_attribute, drop column output_attribute`.execute(db);
}
