import { schemaFacts } from "@/components/api-reference/schema-facts";
import { schemaType } from "@/components/api-reference/schema-type";
import { facts, link } from "@/components/api-reference/styles";
import type { Schema } from "@/components/api-reference/types";

/** A schema's type in monospace, each referenced component schema a link to its anchor. */
export function TypeLabel({ schema }: { schema: Schema | undefined }) {
  return (
    <span className="font-mono text-xs text-slate-800">
      {schemaType(schema).map((part, i) =>
        part.href ? (
          <a key={i} href={part.href} className={link} data-testid="api-schema-link">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </span>
  );
}

/** The type, with its default, pattern and bounds underneath. */
export function TypeWithFacts({ schema }: { schema: Schema | undefined }) {
  const list = schemaFacts(schema);
  return (
    <>
      <TypeLabel schema={schema} />
      {list.map((fact) => (
        <span key={fact} className={`${facts} break-all font-mono`}>
          {fact}
        </span>
      ))}
    </>
  );
}
