import { InlineText } from "@/components/api-reference/rich-text";
import { DataTable } from "@/components/ui/data-table";
import { subheading, tableFrame, td } from "@/components/api-reference/styles";
import { TypeLabel } from "@/components/api-reference/type-label";
import type { ContentView, RequestBodyView, ResponseView } from "@/components/api-reference/types";

const statusColour = (status: string) =>
  status.startsWith("2") ? "text-emerald-700" : status.startsWith("4") ? "text-amber-700" : status.startsWith("5") ? "text-red-700" : "text-slate-700";

/** A media type with its schema; an event stream with the schema of each event's data. */
function Content({ content }: { content: ContentView }) {
  const sse = content.mediaType.startsWith("text/event-stream");
  return (
    <div className="text-xs">
      <span className="font-mono text-slate-500">{content.mediaType}</span>
      {sse ? (
        <span className="mt-0.5 block" data-testid="api-sse">
          Server-Sent Events
          {content.eventData !== undefined ? (
            <>
              ; each event&apos;s <code className="font-mono">data</code>: <TypeLabel schema={content.eventData} />
            </>
          ) : null}
        </span>
      ) : content.schema !== undefined ? (
        <span className="mt-0.5 block">
          <TypeLabel schema={content.schema} />
        </span>
      ) : null}
    </div>
  );
}

export function RequestBody({ body }: { body: RequestBodyView | undefined }) {
  if (!body) return null;
  return (
    <>
      <h4 className={subheading}>Request body{body.required ? <span className="ml-2 text-xs font-medium text-rose-700">required</span> : null}</h4>
      <div className="space-y-1 rounded-md border border-slate-200 px-3 py-2 text-sm" data-testid="api-request-body">
        {body.description ? (
          <p className="text-slate-700">
            <InlineText text={body.description} />
          </p>
        ) : null}
        {body.content.map((c) => (
          <Content key={c.mediaType} content={c} />
        ))}
      </div>
    </>
  );
}

export function ResponsesTable({ responses, caption }: { responses: ResponseView[]; caption: string }) {
  if (responses.length === 0) return null;
  return (
    <>
      <h4 className={subheading}>Responses</h4>
      <DataTable columns={["Status", "Description", "Content"]} caption={`Responses of ${caption}`} testId="api-responses" frame={tableFrame}>
        {responses.map((r) => (
          <tr key={r.status} className="border-t border-slate-100" data-testid="api-response" data-status={r.status}>
            <th scope="row" className={`${td} font-mono font-semibold ${statusColour(r.status)}`}>
              {r.status}
            </th>
            <td className={`${td} text-slate-700`}>{r.description ? <InlineText text={r.description} /> : null}</td>
            <td className={`${td} space-y-1`}>
              {r.content.length === 0 ? <span className="text-xs text-slate-400">none described</span> : r.content.map((c) => <Content key={c.mediaType} content={c} />)}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
