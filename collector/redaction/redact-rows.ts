import type { NewAuditEvent, NewLogRecord, NewMetricSeries, NewScore, NewSpan, JsonObject, JsonValue } from "@/lib/db/types";
import { redactJson, redactNullable, redactObject, redactText, type Tally } from "@/lib/redaction/redact-json";
import type { Redactor } from "@/lib/redaction/redactor";
import { CODON_NODE_PREFIX } from "@/collector/normalize/node";

/**
 * The attributes of span events and links, and the names of events; their times (and a link's
 * ids) are structure, and a 19-digit time can pass for a card.
 */
function redactEntries(entries: JsonValue[], redactor: Redactor, tally: Tally): JsonValue[] {
  let changed: JsonValue[] | null = null;
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) continue;
    let next: JsonObject | null = null;
    if (typeof entry.name === "string") {
      const name = redactText(entry.name, redactor, tally);
      if (name !== entry.name) (next ??= { ...entry }).name = name;
    }
    const attributes = entry.attributes;
    if (attributes !== null && typeof attributes === "object" && !Array.isArray(attributes)) {
      const redacted = redactObject(attributes, redactor, tally, false);
      if (redacted !== attributes) (next ??= { ...entry }).attributes = redacted;
    }
    if (next !== null) (changed ??= entries.slice())[i] = next;
  }
  return changed ?? entries;
}

/**
 * The span's name is its node's identity when the node name was read from it (`codon.node.<node>`,
 * or the bare name in a Codon run): left as sent, as the node name is everywhere else (README).
 */
function nameIsNodeIdentity(span: NewSpan): boolean {
  const node = span.node_name;
  return typeof node === "string" && (span.name === node || span.name === CODON_NODE_PREFIX + node);
}

/**
 * A span with its name (unless it is its node's identity), input, output, status message, attribute
 * values and event names redacted, and how many values were; the same row when none.
 */
export function redactSpan(span: NewSpan, redactor: Redactor): NewSpan {
  const tally: Tally = { count: 0 };
  const redacted: NewSpan = {
    ...span,
    name: nameIsNodeIdentity(span) ? span.name : redactText(span.name, redactor, tally),
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

/** A score's comment (an evaluator's explanation) redacted; its id stays the digest of what was sent, so re-delivery is still recognised. */
export function redactScore(score: NewScore, redactor: Redactor): NewScore {
  if (score.comment === null || score.comment === undefined) return score;
  const { text, count } = redactor.redact(score.comment);
  return count === 0 ? score : { ...score, comment: text };
}

/**
 * A metric series' data-point attribute and resource values redacted (identity keys left alone).
 * Its key stays the digest of what was sent: points keep landing on one series, and two series
 * that differ only in a redacted value stay two, their points apart.
 */
export function redactMetricSeries(series: NewMetricSeries, redactor: Redactor): NewMetricSeries {
  const tally: Tally = { count: 0 };
  const attributes = series.attributes === undefined ? undefined : redactObject(series.attributes, redactor, tally, true);
  const resource = series.resource_attributes === undefined ? undefined : redactObject(series.resource_attributes, redactor, tally, true);
  return tally.count === 0 ? series : { ...series, attributes, resource_attributes: resource };
}

function parseJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}
