import type { NewAuditEvent } from "@/lib/db/types";
import { parseLedgerTimestamp, type LedgerEntry } from "@/lib/runs/ledger-upload";
import type { Attributes } from "@/collector/decode/model";
import { buildAuditEvent } from "@/collector/normalize/audit";
import type { Rejection } from "@/collector/normalize/rows";

/**
 * Audit events from a ledger posted as JSON. Entries map onto the same `codon.audit.*` fields as
 * OTLP log records, so an event posted here and sent over OTLP (without trace context) is stored once.
 */
export function ledgerToAuditEvents(tenantId: string, runId: string, entries: LedgerEntry[]): { events: NewAuditEvent[]; rejected: Rejection } {
  const events: NewAuditEvent[] = [];
  const rejected: Rejection = { count: 0, messages: [] };
  entries.forEach((entry, index) => {
    const time = parseLedgerTimestamp(entry.timestamp);
    if (time === null || time <= 0n) {
      rejected.count++;
      if (rejected.messages.length < 5) {
        rejected.messages.push(`entry ${index}: timestamp ${JSON.stringify(entry.timestamp)} is neither ISO 8601 nor epoch time`);
      }
      return;
    }
    const attributes: Attributes = {};
    if (entry.token_id) attributes["codon.audit.token_id"] = entry.token_id;
    if (entry.parent_id) attributes["codon.audit.parent_token_id"] = entry.parent_id;
    if (entry.source_node) attributes["codon.audit.source_node"] = entry.source_node;
    if (entry.target_node) attributes["codon.audit.target_node"] = entry.target_node;
    if (entry.lineage) attributes["codon.audit.lineage"] = entry.lineage;
    if (entry.metadata) attributes["codon.audit.metadata_json"] = JSON.stringify(entry.metadata);
    const identity = { runId, timeUnixNano: time, eventType: entry.event_type, traceId: null, spanId: null };
    events.push(buildAuditEvent(tenantId, identity, attributes));
  });
  return { events, rejected };
}
