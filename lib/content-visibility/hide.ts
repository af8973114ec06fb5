import type { Execution } from "@/lib/agentfield/types";
import type { LogLine } from "@/lib/logs/types";
import type { LedgerEvent, NodeDetail, SpanDetail, SpanSummary } from "@/lib/runs/types";

// What a viewer of a tenant that hides inputs and outputs (tenants.viewers_see_content = false)
// gets instead: the same shape, each text null, each attribute kept by name with a null value,
// and `contentHidden: true` on the object, so a client tells "hidden" from "none recorded".
// The route handlers apply it; the client is never trusted to (docs/adr/0014-content-hidden-from-viewers.md).

/** `{a: 1, b: "x"}` → `{a: null, b: null}`. */
export function withoutValues(attributes: Readonly<Record<string, unknown>>): Record<string, null> {
  return Object.fromEntries(Object.keys(attributes).map((key) => [key, null]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A span event or link: its name, time and ids stay; its attributes keep their keys (a map or OTLP's `[{key, value}]`). */
function hideInEntry(entry: unknown): unknown {
  if (!isObject(entry) || !("attributes" in entry)) return entry;
  const { attributes } = entry;
  if (Array.isArray(attributes)) return { ...entry, attributes: attributes.map((kv: unknown) => (isObject(kv) ? { key: kv.key, value: null } : null)) };
  return { ...entry, attributes: isObject(attributes) ? withoutValues(attributes) : null };
}

export function hideSpanContent(span: SpanDetail): SpanDetail {
  return {
    ...span,
    input: null,
    output: null,
    attributes: withoutValues(span.attributes),
    events: span.events.map(hideInEntry),
    links: span.links.map(hideInEntry),
    contentHidden: true,
  };
}

/** A span page holds summaries (nothing to hide) or, with `view=full`, details. */
export function hideSpanListContent(span: SpanSummary | SpanDetail): SpanSummary | SpanDetail {
  return "input" in span ? hideSpanContent(span) : span;
}

export function hideNodeContent(detail: NodeDetail): NodeDetail {
  return { ...detail, activations: detail.activations.map(hideSpanContent) };
}

export function hideLogContent(line: LogLine): LogLine {
  return { ...line, body: null, attributes: withoutValues(line.attributes), contentHidden: true };
}

export function hideLedgerContent(event: LedgerEvent): LedgerEvent {
  return { ...event, metadata: withoutValues(event.metadata), contentHidden: true };
}

export function hideExecutionContent(execution: Execution): Execution {
  return { ...execution, input: null, output: null, contentHidden: true };
}
