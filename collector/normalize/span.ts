import type { Attributes, DecodedSpan, DecodedSpanEvent, DecodedSpanLink, InstrumentationScope } from "@/collector/decode/model";
import type { JsonValue, NewSpan } from "@/lib/db/types";
import { attributesBesideColumns } from "@/lib/db/column-attributes";
import { emptyToNull } from "@/collector/normalize/attributes";
import { extractAttempt } from "@/collector/normalize/attempt";
import { tableFor } from "@/collector/normalize/conventions/table";
import { extractModel } from "@/collector/normalize/model";
import { extractNodeName, extractNodeRole, extractNodespecId } from "@/collector/normalize/node";
import { extractStatusCode, extractStatusMessage } from "@/collector/normalize/status";
import { extractContent, storedPayload } from "@/collector/normalize/text";
import { countsUsage, extractCost, extractUsage } from "@/collector/normalize/usage";
import { isRootParentId } from "@/collector/normalize/validate";
import { extractRunId, extractServiceName, extractWorkload } from "@/collector/normalize/workload";

/** Where a span came from within an export. */
export interface SpanContext {
  tenantId: string;
  resource: Attributes;
  scope: InstrumentationScope;
}

/** end - start in nanoseconds, "0" when the end is before the start (or missing). */
export function durationNs(span: DecodedSpan): string {
  const duration = span.endTimeUnixNano - span.startTimeUnixNano;
  return (duration < 0n ? 0n : duration).toString();
}

/** OTLP SpanKind 0..5; anything else is stored as 0 (unspecified). */
export function extractKind(span: DecodedSpan): number {
  return Number.isInteger(span.kind) && span.kind >= 0 && span.kind <= 5 ? span.kind : 0;
}

export function eventsJson(events: readonly DecodedSpanEvent[]): JsonValue[] {
  return events.map((event) => ({
    name: event.name,
    timeUnixNano: event.timeUnixNano.toString(),
    attributes: event.attributes,
  }));
}

export function linksJson(links: readonly DecodedSpanLink[]): JsonValue[] {
  return links.map((link) => ({ traceId: link.traceId, spanId: link.spanId, attributes: link.attributes }));
}

/** One valid span as a `spans` row (`received_at` is left to the database default). */
export function normalizeSpan(span: DecodedSpan, context: SpanContext): NewSpan {
  const attributes = span.attributes;
  const table = tableFor(attributes);
  const content = extractContent(span, table);
  const row = {
    tenant_id: context.tenantId,
    trace_id: span.traceId,
    span_id: span.spanId,
    parent_span_id: isRootParentId(span.parentSpanId) ? null : span.parentSpanId,
    run_id: extractRunId(span),
    name: span.name,
    kind: extractKind(span),
    start_time_unix_nano: span.startTimeUnixNano.toString(),
    end_time_unix_nano: span.endTimeUnixNano.toString(),
    duration_ns: durationNs(span),
    status_code: extractStatusCode(span),
    status_message: extractStatusMessage(span),
    service_name: extractServiceName(context.resource),
    scope_name: emptyToNull(context.scope.name),
    scope_version: emptyToNull(context.scope.version),
    ...extractWorkload(attributes, context.resource),
    node_name: extractNodeName(span),
    node_role: extractNodeRole(attributes),
    nodespec_id: extractNodespecId(attributes),
    ...extractModel(attributes, table),
    ...extractUsage(attributes, table),
    // Only what the span reported itself: the store prices the rest, with the tenant's overrides.
    cost_usd: extractCost(attributes, table),
    cost_source: null,
    counts_usage: countsUsage(span.name, attributes, table),
    ...content,
    // Input and output are stored once: an attribute that holds one unchanged is left out here.
    ...storedPayload(attributes, table, content),
    resource_attributes: context.resource,
    events: eventsJson(span.events),
    links: linksJson(span.links),
    attempt: extractAttempt(attributes),
    column_attributes: 0,
  };
  // Identity attributes are stored once too, in their columns (lib/db/column-attributes.ts).
  // Set in place: spreading the row into a new literal that overrides `attributes` gave every row
  // a map (hidden class) of its own in V8, ~1 KB each, a third of the collector's heap under load.
  const beside = attributesBesideColumns(row.attributes, row);
  row.attributes = beside.attributes;
  row.column_attributes = beside.column_attributes;
  return row;
}
