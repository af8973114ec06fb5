import { schemaAnchor } from "@/components/api-reference/anchors";
import { RichText } from "@/components/api-reference/rich-text";
import { SchemaTable } from "@/components/api-reference/schema-table";
import { inlineObject } from "@/components/api-reference/schema-type";
import { focusRing } from "@/components/api-reference/styles";
import { TypeWithFacts } from "@/components/api-reference/type-label";
import type { Schema } from "@/components/api-reference/types";

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const hasProperties = (schema: Schema): schema is Json => isRecord(schema) && isRecord(schema.properties) && Object.keys(schema.properties).length > 0;

const isList = (schema: Schema) => isRecord(schema) && (schema.type === "array" || schema.items !== undefined);

function SchemaCard({ name, schema }: { name: string; schema: Schema }) {
  const anchor = schemaAnchor(name);
  const nested = hasProperties(schema) ? undefined : inlineObject(schema);
  return (
    <section
      id={anchor}
      aria-labelledby={`${anchor}-title`}
      data-testid="api-schema"
      data-schema={name}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 target:border-sky-400 target:ring-2 target:ring-sky-200"
    >
      <h3 id={`${anchor}-title`} className="flex items-baseline gap-3 font-mono text-base font-semibold text-slate-900">
        {name}
        <a href={`#${anchor}`} className={`rounded-sm font-sans text-sm font-normal text-slate-400 hover:text-sky-700 ${focusRing}`} aria-label={`Link to schema ${name}`}>
          #
        </a>
      </h3>
      {isRecord(schema) && typeof schema.description === "string" ? <RichText text={schema.description} className="mt-1" /> : null}
      {hasProperties(schema) ? (
        <div className="mt-3">
          <SchemaTable schema={schema} caption={name} />
        </div>
      ) : (
        <>
          <p className="mt-2 text-sm text-slate-700">
            Type: <TypeWithFacts schema={schema} />
          </p>
          {nested ? (
            <div className="mt-3">
              <p className="mb-1 text-xs font-medium text-slate-500">{isList(schema) ? "Fields of each item" : "Fields of the object"}</p>
              <SchemaTable schema={nested} caption={`${name} ${isList(schema) ? "item" : "object"}`} depth={1} />
            </div>
          ) : null}
        </>
      )}
    </section>
  );
}

/** Every component schema, each at `#schema-<Name>`. */
export function SchemasSection({ schemas }: { schemas: { name: string; schema: Schema }[] }) {
  if (schemas.length === 0) return null;
  return (
    <section aria-labelledby="schemas" className="space-y-4">
      <h2 id="schemas" className="scroll-mt-4 text-xl font-semibold tracking-tight text-slate-900">
        Schemas
      </h2>
      <p className="text-sm text-slate-600">
        Bodies of requests and responses. <span className="font-medium text-rose-700">*</span> marks a required property.
      </p>
      {schemas.map(({ name, schema }) => (
        <SchemaCard key={name} name={name} schema={schema} />
      ))}
    </section>
  );
}
