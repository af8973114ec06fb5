import type { NewAuditEvent, NewLogRecord, NewSpan, JsonObject, JsonValue } from "@/lib/db/types";
import { redactJson, redactNullable, redactObject, type Tally } from "@/lib/redaction/redact-json";
import type { Redactor } from "@/lib/redaction/redactor";

/** Only the attributes of span events and links: their names and times are structure, and a 19-digit time can pass for a card. */
function redactEntries(entries: JsonValue[], redactor: Redactor, tally: Tally): JsonValue[] {
  let changed: JsonValue[] | null = null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) continue;
    const attributes = entry.attributes;
    if (attributes === null || typeof attributes !== "object" || Array.isArray(attributes) || attributes === undefined) continue;
    const next = redactObject(attributes, redactor, tally, false);
    if (next !== attributes) (changed ??= entries.slice())[i] = { ...entry, attributes: next };
  }
  return changed ?? entries;
}

/** A span with its input, output, status message and attribute values redacted, and how many values were; the same row when none. */
export function redactSpan(span: NewSpan, redactor: Redactor): NewSpan {
  const tally: Tally = { count: 0 };
  const redacted: NewSpan = {
    ...span,
    input_text: redactNullable(span.input_text, redactor, tally),
    output_text: redactNullable(span.output_text, redactor, tally),
    status_message: redactNullable(span.status_message, redactor, tally),
    attributes: span.attributes === undefined ? undefined : redactObject(span.attributes, redactor, tally, true),
    resource_attributes: span.resource_attributes === undefined ? undefined : redactObject(span.resource_attributes, redactor, tally, true),
    events: span.events === undefined ? undefined : redactEntries(span.events, redactor, tally),
    links: span.links === undefined ? undefined : redactEntries(span.links, redactor, tally),
  };
  if (tally.count === 0) return span;
  return { ...redacted, redacted_count: tally.count };
}

/** An audit (ledger) event's payload redacted before it is stored, so the chain sealed over stored events verifies. */
export function redactAuditEvent(event: NewAuditEvent, redactor: Redactor): NewAuditEvent {
  if (event.metadata === undefined) return event;
  const tally: Tally = { count: 0 };
  const metadata = redactObject(event.metadata, redactor, tally, false);
  return tally.count === 0 ? event : { ...event, metadata };
}

/** A log record's body and attribute values redacted; a JSON body is redacted value by value so it stays JSON. */
export function redactLogRecord(record: NewLogRecord, redactor: Redactor): NewLogRecord {
  const tally: Tally = { count: 0 };
  let body = record.body;
  if (body !== null && body !== undefined) {
    const parsed = record.body_is_json ? parseJson(body) : undefined;
    if (parsed !== undefined) {
      const next = redactJson(parsed, redactor, tally);
      if (next !== parsed) body = JSON.stringify(next);
    } else body = redactNullable(body, redactor, tally);
  }
  const attributes: JsonObject | undefined = record.attributes === undefined ? undefined : redactObject(record.attributes, redactor, tally, true);
  const resource = record.resource_attributes === undefined ? undefined : redactObject(record.resource_attributes, redactor, tally, true);
  // record_key stays the digest of what was sent: re-delivery is still recognised.
  return tally.count === 0 ? record : { ...record, body, attributes, resource_attributes: resource };
}

function parseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
