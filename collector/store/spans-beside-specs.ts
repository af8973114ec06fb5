import { sql, type Transaction } from "kysely";
import type { DB, NewSpan } from "@/lib/db/types";
import { attributesBesideSpec, SPEC_ATTRIBUTES, type SpecValues } from "@/lib/db/spec-attributes";

const keyOf = (tenantId: string, nodespecId: string) => `${tenantId}\u0000${nodespecId}`;
const carriesSpec = (span: NewSpan): boolean => SPEC_ATTRIBUTES.some(({ key }) => typeof span.attributes?.[key] === "string");

/**
 * The spans with the `codon.nodespec.*` attributes their tenant's stored node spec holds
 * unchanged left out (lib/db/spec-attributes.ts). Called after the batch's own specs are
 * inserted, in the same transaction: the row read here is the one that stays (specs are never
 * updated), whichever collector wrote it first. Returns new row objects; `spans` is untouched,
 * so a retried batch starts again from what was received.
 */
export async function spansBesideSpecs(trx: Transaction<DB>, spans: NewSpan[]): Promise<NewSpan[]> {
  const wanted = new Map<string, { tenantId: string; nodespecId: string }>();
  for (const span of spans) {
    if (span.nodespec_id && carriesSpec(span)) wanted.set(keyOf(span.tenant_id, span.nodespec_id), { tenantId: span.tenant_id, nodespecId: span.nodespec_id });
  }
  if (wanted.size === 0) return spans;
  const pairs = [...wanted.values()];
  const { rows } = await sql<SpecValues & { tenant_id: string; nodespec_id: string }>`
    select s.tenant_id, s.nodespec_id, s.spec_version, s.callable_signature, s.input_schema, s.output_schema, s.model_name, s.model_version
    from node_specs s
    join unnest(${pairs.map((p) => p.tenantId)}::text[], ${pairs.map((p) => p.nodespecId)}::text[]) as k(tenant_id, nodespec_id)
      on s.tenant_id = k.tenant_id and s.nodespec_id = k.nodespec_id`.execute(trx);
  const specs = new Map(rows.map((row) => [keyOf(row.tenant_id, row.nodespec_id), row]));
  return spans.map((span) => {
    const spec = span.nodespec_id ? specs.get(keyOf(span.tenant_id, span.nodespec_id)) : undefined;
    if (spec === undefined || !span.attributes) return span;
    const stored = attributesBesideSpec(span.attributes, span.column_attributes ?? 0, spec);
    return stored.attributes === span.attributes ? span : { ...span, ...stored };
  });
}
