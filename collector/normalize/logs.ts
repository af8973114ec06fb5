import type { Attributes, DecodedLogRecord, InstrumentationScope } from "@/collector/decode/model";
import type { NewAuditEvent, NewLogRecord, NewScore } from "@/lib/db/types";
import { EVALUATION_EVENT, scoreFromEvaluation } from "@/collector/normalize/evaluation";
import { firstString, INT8_MAX } from "@/collector/normalize/attributes";
import { auditEventType, buildAuditEvent, type AuditIdentity } from "@/collector/normalize/audit";
import { buildLogRecord } from "@/collector/normalize/log-record";
import { isValidSpanId, isValidTraceId, showId } from "@/collector/normalize/validate";
import { RUN_ID_KEY } from "@/collector/normalize/workload";

/** What one log record turns into. */
export type LogRecordOutcome =
  | { kind: "audit"; event: NewAuditEvent }
  | { kind: "log"; record: NewLogRecord }
  | { kind: "score"; score: NewScore }
  | { kind: "rejected"; message: string };

/** The record's event name: the `eventName` field (newer OTLP), else the `event.name` attribute. */
export function logEventName(record: DecodedLogRecord): string | null {
  if (record.eventName !== "") return record.eventName;
  return firstString([record.attributes], ["event.name"]);
}

const isUsableTime = (time: bigint) => time > 0n && time <= INT8_MAX;

/** The record's time: timeUnixNano, else observedTimeUnixNano; null when neither is usable (0 or > 2^63-1). */
export function logRecordTime(record: DecodedLogRecord): bigint | null {
  if (isUsableTime(record.timeUnixNano)) return record.timeUnixNano;
  if (isUsableTime(record.observedTimeUnixNano)) return record.observedTimeUnixNano;
  return null;
}

const NO_TIME = "timeUnixNano or observedTimeUnixNano must be set (between 1 and 2^63-1)";

function describeRecord(index: number, name: string, record: DecodedLogRecord): string {
  const trace = record.traceId === "" ? "" : ` in trace ${showId(record.traceId)}`;
  return `log record ${index} (${showId(name)})${trace}`;
}

/**
 * One log record of an export (`index` counts records across the export, for messages).
 * Records named `codon.audit.<type>` become audit events; every other record is kept as a log
 * record. The run is `codon.workload.run_id` (record, else resource attribute), else the
 * record's trace id. A record needs a time (its own, else when it was observed).
 */
export function normalizeLogRecord(
  record: DecodedLogRecord,
  resource: Attributes,
  scope: InstrumentationScope,
  tenantId: string,
  index: number,
  /** JSON of `resource`, made once per resource by the caller (the log record's digest covers it). */
  resourceJson: string,
): LogRecordOutcome {
  const name = logEventName(record);
  if (name === EVALUATION_EVENT) return evaluationRecord(record, resource, tenantId, describeRecord(index, name, record));
  if (name === null || !name.startsWith("codon.audit.")) {
    const time = logRecordTime(record);
    if (time === null) return { kind: "rejected", message: `${describeRecord(index, name ?? "log", record)}: ${NO_TIME}` };
    return { kind: "log", record: buildLogRecord(record, { tenantId, resource, scope, eventName: name, timeUnixNano: time, resourceJson }) };
  }
  const eventType = auditEventType(name);
  const where = describeRecord(index, name, record);
  if (eventType === null) {
    return { kind: "rejected", message: `${where}: the event name must be codon.audit.<event type>` };
  }
  const traceId = isValidTraceId(record.traceId) ? record.traceId : null;
  const spanId = isValidSpanId(record.spanId) ? record.spanId : null;
  const runId = firstString([record.attributes, resource], [RUN_ID_KEY]) ?? traceId;
  if (runId === null) {
    return {
      kind: "rejected",
      message: `${where}: no run id; set the ${RUN_ID_KEY} attribute or the record's traceId`,
    };
  }
  const time = logRecordTime(record);
  if (time === null) return { kind: "rejected", message: `${where}: ${NO_TIME}` };
  const identity: AuditIdentity = { runId, timeUnixNano: time, eventType, traceId, spanId };
  return { kind: "audit", event: buildAuditEvent(tenantId, identity, record.attributes) };
}

/**
 * A GenAI evaluation event sent as a log record: a score on the run its `codon.workload.run_id`
 * (record, else resource) names, else on the run of its trace (`pendingTrace` until the trace's
 * spans are stored and say which run that is). The record's span is the one judged.
 */
function evaluationRecord(record: DecodedLogRecord, resource: Attributes, tenantId: string, where: string): LogRecordOutcome {
  const traceId = isValidTraceId(record.traceId) ? record.traceId : null;
  const spanId = traceId !== null && isValidSpanId(record.spanId) ? record.spanId : null;
  const namedRun = firstString([record.attributes, resource], [RUN_ID_KEY]);
  const runId = namedRun ?? traceId;
  if (runId === null) return { kind: "rejected", message: `${where}: no run; set the ${RUN_ID_KEY} attribute or the record's traceId` };
  const time = logRecordTime(record);
  if (time === null) return { kind: "rejected", message: `${where}: ${NO_TIME}` };
  const outcome = scoreFromEvaluation(record.attributes, { tenantId, runId, traceId, spanId, timeUnixNano: time, pendingTrace: namedRun === null });
  return outcome.kind === "score" ? outcome : { kind: "rejected", message: `${where}: ${outcome.message}` };
}
