import { OperationCard } from "@/components/api-reference/operation-card";
import { RichText } from "@/components/api-reference/rich-text";
import type { TagGroup } from "@/components/api-reference/types";

/** A tag's heading and description, then its operations. */
export function TagSection({ group, curlOf }: { group: TagGroup; curlOf: (operationId: string) => string }) {
  return (
    <section aria-labelledby={group.anchor} className="space-y-4" data-testid="api-tag" data-tag={group.name}>
      <div>
        <h2 id={group.anchor} className="scroll-mt-4 text-xl font-semibold tracking-tight text-slate-900">
          {group.name}
        </h2>
        {group.description ? <RichText text={group.description} className="mt-1" /> : null}
      </div>
      {group.operations.map((op) => (
        <OperationCard key={op.anchor} op={op} curl={curlOf(op.id)} />
      ))}
    </section>
  );
}
