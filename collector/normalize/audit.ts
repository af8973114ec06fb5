import { createHash } from "node:crypto";
import type { Attributes, AttributeValue, DecodedSpan } from "@/collector/decode/model";
import type { JsonObject, NewAuditEvent } from "@/lib/db/types";
import { firstString, INT8_MAX } from "@/collector/normalize/attributes";
import { RUN_ID_KEY } from "@/collector/normalize/workload";

export const AUDIT_EVENT_PREFIX = "codon.audit.";

/** `token_enqueued` for `codon.audit.token_enqueued`; null for other names or an empty type. */
export function auditEventType(name: string): string | null {
  if (!name.startsWith(AUDIT_EVENT_PREFIX)) return null;
  const type = name.slice(AUDIT_EVENT_PREFIX.length);
  return type === "" ? null : type;
}

/** `codon.audit.lineage` when it is an array of strings, else []. */
export function extractLineage(value: AttributeValue | undefined): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) return [];
  return value as string[];
}

function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * `codon.audit.metadata_json`: JSON text of an object. Invalid or non-object JSON is kept as
 * `{ raw: text }`; an attribute that already is an object (kvlist) is used as it is; absent -> {}.
 */
export function extractMetadata(value: AttributeValue | undefined): JsonObject {
  if (value === undefined || value === null) return {};
  if (isJsonObject(value)) return value;
  if (typeof value !== "string") return { raw: value };
  try {
    const parsed: unknown = JSON.parse(value);
    return isJsonObject(parsed) ? parsed : { raw: value };
  } catch {
    return { raw: value };
  }
}

export interface AuditIdentity {
  runId: string;
  timeUnixNano: bigint;
  eventType: string;
  traceId: string | null;
  spanId: string | null;
}

/**
 * A stable digest of what identifies an audit event, so a re-delivered event gets the same key
 * (and is stored once) while events differing in any of these fields get different keys.
 * The fields are JSON-encoded as an array, so no two field lists share an encoding.
 */
export function auditDedupeKey(identity: AuditIdentity, attributes: Attributes): string {
  const metadata = attributes["codon.audit.metadata_json"];
  const content = [
    identity.runId,
    identity.timeUnixNano.toString(),
    identity.eventType,
    firstString([attributes], ["codon.audit.token_id"]),
    firstString([attributes], ["codon.audit.parent_token_id"]),
    firstString([attributes], ["codon.audit.source_node"]),
    firstString([attributes], ["codon.audit.target_node"]),
    identity.traceId,
    identity.spanId,
    metadata === undefined ? null : typeof metadata === "string" ? metadata : JSON.stringify(metadata),
    extractLineage(attributes["codon.audit.lineage"]),
  ];
  return createHash("sha256").update(JSON.stringify(content)).digest("hex").slice(0, 32);
}

/** An `audit_events` row from an event's identity and its `codon.audit.*` attributes. */
export function buildAuditEvent(tenantId: string, identity: AuditIdentity, attributes: Attributes): NewAuditEvent {
  const get = (key: string) => firstString([attributes], [key]);
  return {
    tenant_id: tenantId,
    run_id: identity.runId,
    dedupe_key: auditDedupeKey(identity, attributes),
    time_unix_nano: identity.timeUnixNano.toString(),
    event_type: identity.eventType,
    token_id: get("codon.audit.token_id"),
    parent_token_id: get("codon.audit.parent_token_id"),
    source_node: get("codon.audit.source_node"),
    target_node: get("codon.audit.target_node"),
    lineage: extractLineage(attributes["codon.audit.lineage"]),
    metadata: extractMetadata(attributes["codon.audit.metadata_json"]),
    trace_id: identity.traceId,
    span_id: identity.spanId,
  };
}

/**
 * Audit events carried as span events named `codon.audit.<type>` on a (valid) span. The run is
 * the event's `codon.workload.run_id`, else the span's; an event time of 0 (or one that does not
 * fit int8) means the span's start.
 */
export function auditEventsFromSpan(span: DecodedSpan, spanRunId: string, tenantId: string): NewAuditEvent[] {
  const events: NewAuditEvent[] = [];
  for (const event of span.events) {
    const eventType = auditEventType(event.name);
    if (eventType === null) continue;
    const validTime = event.timeUnixNano > 0n && event.timeUnixNano <= INT8_MAX;
    const identity: AuditIdentity = {
      runId: firstString([event.attributes], [RUN_ID_KEY]) ?? spanRunId,
      timeUnixNano: validTime ? event.timeUnixNano : span.startTimeUnixNano,
      eventType,
      traceId: span.traceId,
      spanId: span.spanId,
    };
    events.push(buildAuditEvent(tenantId, identity, event.attributes));
  }
  return events;
}
