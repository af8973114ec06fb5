import { Conversation } from "@/components/runs/node-inspector/conversation";
import { parseConversation } from "@/lib/runs/conversation";
import { HiddenForViewers } from "@/components/ui/hidden-content";

/** Pretty-prints JSON payloads (the SDK sends them as text); anything else is shown as is. */
export function formatPayload(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return text;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return text;
  }
}

function RawPayload({ text, testId }: { text: string; testId?: string }) {
  return (
    <pre data-testid={testId} className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">
      {formatPayload(text)}
    </pre>
  );
}

/** A payload as text; a list of LLM messages as a conversation, the raw text one click away. */
export function Payload({ label, text, testId, hidden = false }: { label: string; text: string | null; testId?: string; hidden?: boolean }) {
  const conversation = parseConversation(text);
  return (
    <section className="mt-2">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</h4>
      {hidden ? (
        <HiddenForViewers testId={testId} />
      ) : text && conversation ? (
        <>
          <Conversation messages={conversation} />
          <details className="mt-1">
            <summary className="cursor-pointer text-xs text-slate-500">Raw</summary>
            <RawPayload text={text} testId={testId} />
          </details>
        </>
      ) : text ? (
        <RawPayload text={text} testId={testId} />
      ) : (
        <p className="mt-1 text-xs text-slate-400">none recorded</p>
      )}
    </section>
  );
}

export function AttributesTable({ attributes, testId, hidden = false }: { attributes: Record<string, unknown>; testId?: string; hidden?: boolean }) {
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <p className="text-xs text-slate-400">no attributes</p>;
  return (
    <table data-testid={testId} className="w-full table-fixed text-left text-xs">
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key} className="border-t border-slate-100 align-top">
            <th scope="row" className="w-2/5 break-words py-1 pr-2 font-mono font-normal text-slate-500">
              {key}
            </th>
            <td className="break-words py-1 font-mono text-slate-800">{hidden ? <HiddenForViewers inline /> : typeof value === "string" ? value : JSON.stringify(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
