import { createHash } from "node:crypto";
import type { Attributes, DecodedLogRecord, InstrumentationScope } from "@/collector/decode/model";
import type { NewLogRecord } from "@/lib/db/types";
import { emptyToNull, firstString } from "@/collector/normalize/attributes";
import { isValidSpanId, isValidTraceId } from "@/collector/normalize/validate";
import { extractServiceName, RUN_ID_KEY } from "@/collector/normalize/workload";

/** Where a record came from: its resource and scope, and its event name and time as normalize read them. */
export interface LogRecordContext {
  tenantId: string;
  resource: Attributes;
  scope: InstrumentationScope;
  eventName: string | null;
  timeUnixNano: bigint;
  /** JSON of `resource`, made once per resource of the export rather than once per record. */
  resourceJson: string;
}

/**
 * The row of a log record that is not an audit event. Its key digests everything it holds, so
 * the same record delivered again (an exporter's retry, a spool replay) is skipped by the primary
 * key, while two records that differ in anything are both kept. The run is the record's (or its
 * resource's) codon.workload.run_id, else its trace id, as for spans and audit events.
 */
export function buildLogRecord(record: DecodedLogRecord, context: LogRecordContext): NewLogRecord {
  const traceId = isValidTraceId(record.traceId) ? record.traceId : null;
  const spanId = traceId !== null && isValidSpanId(record.spanId) ? record.spanId : null;
  const body = record.body === null ? null : typeof record.body === "string" ? record.body : JSON.stringify(record.body);
  const observed = record.observedTimeUnixNano > 0n && record.observedTimeUnixNano !== context.timeUnixNano ? record.observedTimeUnixNano.toString() : null;
  const row = {
    run_key: firstString([record.attributes, context.resource], [RUN_ID_KEY]) ?? traceId,
    time_unix_nano: context.timeUnixNano.toString(),
    observed_time_unix_nano: observed,
    severity_number: Number.isInteger(record.severityNumber) && record.severityNumber >= 0 && record.severityNumber <= 24 ? record.severityNumber : 0,
    severity_text: emptyToNull(record.severityText),
    body,
    body_is_json: body !== null && typeof record.body !== "string",
    event_name: context.eventName,
    trace_id: traceId,
    span_id: spanId,
    service_name: extractServiceName(context.resource),
    scope_name: emptyToNull(context.scope.name),
    scope_version: emptyToNull(context.scope.version),
    attributes: record.attributes,
    resource_attributes: context.resource,
  };
  return { tenant_id: context.tenantId, record_key: recordKey(row, context.resourceJson), ...row };
}

/** 128 bits of SHA-256 over the row's fields in a fixed order (the resource as JSON). */
function recordKey(row: Omit<NewLogRecord, "tenant_id" | "record_key">, resourceJson: string): string {
  const fields = [
    row.run_key, row.time_unix_nano, row.observed_time_unix_nano, row.severity_number, row.severity_text, row.body, row.body_is_json,
    row.event_name, row.trace_id, row.span_id, row.scope_name, row.scope_version, row.attributes,
  ];
  return createHash("sha256").update(JSON.stringify(fields)).update("\u0000").update(resourceJson).digest("hex").slice(0, 32);
}
