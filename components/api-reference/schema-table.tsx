import { InlineText } from "@/components/api-reference/rich-text";
import { inlineObject } from "@/components/api-reference/schema-type";
import { DataTable } from "@/components/ui/data-table";
import { focusRing, tableFrame, td } from "@/components/api-reference/styles";
import { TypeWithFacts } from "@/components/api-reference/type-label";
import type { Schema } from "@/components/api-reference/types";

type Json = Record<string, unknown>;
const MAX_DEPTH = 4;
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const description = (schema: Schema | undefined) => (isRecord(schema) && typeof schema.description === "string" ? schema.description : undefined);

interface Row {
  name: string;
  schema: Schema;
  required: boolean;
  /** The `additionalProperties` row: any other key. */
  otherKeys?: boolean;
}

function rows(schema: Json): Row[] {
  const required = new Set(Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : []);
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const list: Row[] = Object.entries(properties).map(([name, prop]) => ({ name, schema: prop as Schema, required: required.has(name) }));
  const extra = schema.additionalProperties;
  if (isRecord(extra) || extra === true) list.push({ name: "[key: string]", schema: extra as Schema, required: false, otherKeys: true });
  return list;
}

/** The properties of an object schema: name, type (refs linked), required, description; inline objects nested. */
export function SchemaTable({ schema, caption, depth = 0 }: { schema: Json; caption: string; depth?: number }) {
  return (
    <DataTable columns={["Property", "Type", "Description"]} caption={`Properties of ${caption}`} testId="api-schema-properties" frame={`${tableFrame} bg-white`}>
      {rows(schema).map((row) => (
        <PropertyRow key={row.name} row={row} caption={caption} depth={depth} />
      ))}
    </DataTable>
  );
}

function PropertyRow({ row, caption, depth }: { row: Row; caption: string; depth: number }) {
  const nested = depth < MAX_DEPTH ? inlineObject(row.schema) : undefined;
  const text = description(row.schema);
  const path = `${caption}.${row.name}`;
  return (
    <>
      <tr className="border-t border-slate-100" data-property={row.name}>
        <th scope="row" className={`${td} whitespace-nowrap text-left font-mono text-xs font-medium ${row.otherKeys ? "text-slate-500" : "text-slate-900"}`}>
          {row.name}
          {row.required ? (
            <span className="ml-1 font-sans font-medium text-rose-700" title="required">
              *<span className="sr-only"> required</span>
            </span>
          ) : null}
        </th>
        <td className={`${td} min-w-32`}>
          <TypeWithFacts schema={row.schema} />
        </td>
        <td className={`${td} text-slate-700`}>{text ? <InlineText text={text} /> : null}</td>
      </tr>
      {nested ? (
        <tr className="bg-slate-50/60">
          <td colSpan={3} className="px-3 pb-3 pt-1">
            <details>
              <summary className={`cursor-pointer rounded-sm text-xs font-medium text-sky-800 ${focusRing}`}>Fields of {row.name}</summary>
              <div className="mt-2">
                <SchemaTable schema={nested} caption={path} depth={depth + 1} />
              </div>
            </details>
          </td>
        </tr>
      ) : null}
    </>
  );
}
