import { PageHeader } from "@/components/empty-state";
import { curlCommand } from "@/components/api-reference/curl";
import { buildReference } from "@/components/api-reference/model";
import { ReferenceHeader } from "@/components/api-reference/reference-header";
import { SchemasSection } from "@/components/api-reference/schemas-section";
import { TagSection } from "@/components/api-reference/tag-section";
import { ApiToc } from "@/components/api-reference/toc";

/** The whole reference of an OpenAPI document; `host` is where the curl examples point. */
export function ApiReferenceView({ document, host }: { document: unknown; host: string | null }) {
  const reference = buildReference(document);
  const schemas = Object.fromEntries(reference.schemas.map(({ name, schema }) => [name, schema]));
  const operations = new Map(reference.groups.flatMap((g) => g.operations).map((op) => [op.id, op]));
  const curlOf = (id: string) => {
    const op = operations.get(id);
    return op ? curlCommand(op, { host, schemas }) : "";
  };
  return (
    <>
      <PageHeader title={reference.title} description={reference.version ? `API version ${reference.version}` : undefined} />
      <ReferenceHeader reference={reference} />
      <div className="lg:grid lg:grid-cols-[16rem_minmax(0,1fr)] lg:gap-8">
        <aside className="mb-8 lg:sticky lg:top-4 lg:mb-0 lg:self-start">
          <ApiToc groups={reference.groups} schemaNames={reference.schemas.map((s) => s.name)} />
        </aside>
        <div className="min-w-0 space-y-12">
          {reference.groups.map((group) => (
            <TagSection key={group.name} group={group} curlOf={curlOf} />
          ))}
          <SchemasSection schemas={reference.schemas} />
        </div>
      </div>
    </>
  );
}
