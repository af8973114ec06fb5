import { schemaAnchor } from "@/components/api-reference/anchors";
import { MethodBadge, PathLabel } from "@/components/api-reference/method-badge";
import { InlineText } from "@/components/api-reference/rich-text";
import { focusRing } from "@/components/api-reference/styles";
import type { TagGroup } from "@/components/api-reference/types";

const item = `block rounded-sm hover:text-sky-800 ${focusRing}`;

/** The sticky contents column: operations by tag, then the schemas. */
export function ApiToc({ groups, schemaNames }: { groups: TagGroup[]; schemaNames: string[] }) {
  return (
    <nav aria-labelledby="api-toc-title" data-testid="api-toc" className="text-sm lg:max-h-[calc(100vh-2rem)] lg:overflow-y-auto lg:pr-2">
      <h2 id="api-toc-title" className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
        Contents
      </h2>
      <ul className="space-y-4">
        {groups.map((group) => (
          <li key={group.name}>
            <a href={`#${group.anchor}`} className={`${item} font-semibold text-slate-800`}>
              {group.name}
            </a>
            {group.description ? (
              <p className="mt-0.5 text-xs text-slate-500">
                <InlineText text={group.description} />
              </p>
            ) : null}
            <ul className="mt-1.5 space-y-1">
              {group.operations.map((op) => (
                <li key={op.anchor}>
                  <a href={`#${op.anchor}`} title={op.summary} data-testid="api-toc-link" className={`${item} flex items-start gap-2 text-slate-700`}>
                    <MethodBadge method={op.method} small />
                    <PathLabel path={op.path} className="text-xs leading-5" />
                  </a>
                </li>
              ))}
            </ul>
          </li>
        ))}
        {schemaNames.length > 0 ? (
          <li>
            <a href="#schemas" className={`${item} font-semibold text-slate-800`}>
              Schemas
            </a>
            <details className="mt-1">
              <summary className={`cursor-pointer rounded-sm text-xs text-slate-500 hover:text-sky-800 ${focusRing}`}>All {schemaNames.length}</summary>
              <ul className="mt-1 space-y-0.5">
                {schemaNames.map((name) => (
                  <li key={name}>
                    <a href={`#${schemaAnchor(name)}`} className={`${item} font-mono text-xs text-slate-700`}>
                      {name}
                    </a>
                  </li>
                ))}
              </ul>
            </details>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
