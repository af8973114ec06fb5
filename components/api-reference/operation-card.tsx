import { CodeBlock } from "@/components/connect/code-block";
import { MethodBadge, PathLabel } from "@/components/api-reference/method-badge";
import { ParametersTable } from "@/components/api-reference/parameters-table";
import { RequestBody, ResponsesTable } from "@/components/api-reference/responses-table";
import { InlineText, RichText } from "@/components/api-reference/rich-text";
import { focusRing, subheading } from "@/components/api-reference/styles";
import type { OperationView } from "@/components/api-reference/types";

/** One operation: what it does, its parameters, body, responses and a curl example. */
export function OperationCard({ op, curl }: { op: OperationView; curl: string }) {
  const titleId = `${op.anchor}-title`;
  const caption = `${op.method.toUpperCase()} ${op.path}`;
  return (
    <article
      id={op.anchor}
      aria-labelledby={titleId}
      data-testid="api-operation"
      data-operation-id={op.id}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-5 target:border-sky-400 target:ring-2 target:ring-sky-200"
    >
      <h3 id={titleId} className="flex flex-wrap items-center gap-x-3 gap-y-1 text-base font-semibold text-slate-900">
        <MethodBadge method={op.method} />
        <PathLabel path={op.path} />
        <a href={`#${op.anchor}`} className={`rounded-sm text-sm font-normal text-slate-400 hover:text-sky-700 ${focusRing}`} aria-label={`Link to ${caption}`}>
          #
        </a>
        {op.sendsKey ? null : <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600">no key needed</span>}
        {op.deprecated ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800">deprecated</span> : null}
      </h3>
      {op.summary ? (
        <p className="mt-2 text-sm font-medium text-slate-800">
          <InlineText text={op.summary} />
        </p>
      ) : null}
      {op.description ? <RichText text={op.description} className="mt-2" /> : null}
      <p className="mt-1 font-mono text-xs text-slate-400">{op.id}</p>
      <ParametersTable parameters={op.parameters} caption={caption} />
      <RequestBody body={op.requestBody} />
      <ResponsesTable responses={op.responses} caption={caption} />
      <h4 className={subheading}>Example</h4>
      <CodeBlock id={`${op.anchor}-curl`} caption={`curl: ${caption}`} code={curl} language="shell" testId="api-curl" />
    </article>
  );
}
