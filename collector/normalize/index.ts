import type { DecodedLogsRequest, DecodedTraceRequest } from "@/collector/decode/model";
import type { NewAuditEvent, NewLogRecord, NewSpan } from "@/lib/db/types";
import { auditEventsFromSpan } from "@/collector/normalize/audit";
import { extractGraphDefinition } from "@/collector/normalize/graph";
import { normalizeLogRecord } from "@/collector/normalize/logs";
import { EVALUATION_EVENT, ScoreList, scoreFromEvaluation } from "@/collector/normalize/evaluation";
import { NodeSpecCollector } from "@/collector/normalize/node-spec";
import type { GraphDefinition, NormalizedLogs, NormalizedTraces } from "@/collector/normalize/rows";
import { normalizeSpan } from "@/collector/normalize/span";
import { describeSpan, RejectionLog, validateSpan } from "@/collector/normalize/validate";
import { runToEnd, type Steps } from "@/collector/decode/slices";

export type { GraphDefinition, NormalizedLogs, NormalizedMetrics, NormalizedTraces, Rejection } from "@/collector/normalize/rows";
export { normalizeMetricsSteps } from "@/collector/normalize/metrics";

/** Keeps the first audit event per (run, dedupe key): one batch insert must not hit a key twice. */
class AuditEventList {
  private readonly seen = new Set<string>();
  readonly events: NewAuditEvent[] = [];

  add(event: NewAuditEvent): void {
    const key = `${event.run_id}\u0000${event.dedupe_key}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.events.push(event);
  }
}

/**
 * One decoded trace export as rows for the store. Invalid spans are rejected (counted, with a
 * few messages) and the rest kept; a span repeated within the export is kept once.
 */
export function normalizeTraces(request: DecodedTraceRequest, tenantId: string): NormalizedTraces {
  return runToEnd(normalizeTracesSteps(request, tenantId));
}

/** The same in steps, one per span, for the export path's time slices (decode/slices.ts). */
export function* normalizeTracesSteps(request: DecodedTraceRequest, tenantId: string): Steps<NormalizedTraces> {
  const rejections = new RejectionLog();
  const spans: NewSpan[] = [];
  const seenSpans = new Set<string>();
  const audit = new AuditEventList();
  const scores = new ScoreList();
  const graphs: GraphDefinition[] = [];
  const nodeSpecs = new NodeSpecCollector();
  for (const { resource, scopeSpans } of request.resourceSpans) {
    for (const { scope, spans: decodedSpans } of scopeSpans) {
      for (const span of decodedSpans) {
        yield;
        const problem = validateSpan(span);
        if (problem !== null) {
          rejections.reject(problem);
          continue;
        }
        const key = `${span.traceId}/${span.spanId}`;
        if (seenSpans.has(key)) continue;
        seenSpans.add(key);
        const row = normalizeSpan(span, { tenantId, resource, scope });
        spans.push(row);
        for (const event of auditEventsFromSpan(span, row.run_id, tenantId)) audit.add(event);
        for (const event of span.events) {
          if (event.name !== EVALUATION_EVENT) continue;
          const time = event.timeUnixNano > 0n ? event.timeUnixNano : span.endTimeUnixNano;
          const outcome = scoreFromEvaluation(event.attributes, { tenantId, runId: row.run_id, traceId: span.traceId, spanId: span.spanId, timeUnixNano: time, pendingTrace: false });
          if (outcome.kind === "score") scores.add(outcome.score);
          else rejections.warn(`${describeSpan(span)}: ${EVALUATION_EVENT} event dropped (the span was kept): ${outcome.message}`);
        }
        const graph = extractGraphDefinition(span, resource, tenantId);
        if (graph !== null) graphs.push(graph);
        nodeSpecs.add(span, resource, tenantId);
      }
    }
  }
  return {
    spans,
    auditEvents: audit.events,
    scores: scores.list(),
    graphs,
    nodeSpecs: nodeSpecs.list(),
    rejected: rejections.toRejection(),
  };
}

/**
 * One decoded logs export: records named `codon.audit.<type>` become audit events, other records
 * log records; audit records without a run id or time, and records without a time, are rejected.
 */
export function normalizeLogs(request: DecodedLogsRequest, tenantId: string): NormalizedLogs {
  return runToEnd(normalizeLogsSteps(request, tenantId));
}

export function* normalizeLogsSteps(request: DecodedLogsRequest, tenantId: string): Steps<NormalizedLogs> {
  const rejections = new RejectionLog();
  const audit = new AuditEventList();
  const scores = new ScoreList();
  const logs = new Map<string, NewLogRecord>();
  let index = 0;
  for (const { resource, scopeLogs } of request.resourceLogs) {
    const resourceJson = JSON.stringify(resource);
    for (const { scope, logRecords } of scopeLogs) {
      for (const record of logRecords) {
        yield;
        const outcome = normalizeLogRecord(record, resource, scope, tenantId, index, resourceJson);
        index += 1;
        if (outcome.kind === "audit") audit.add(outcome.event);
        else if (outcome.kind === "score") scores.add(outcome.score);
        else if (outcome.kind === "log") logs.set(outcome.record.record_key, outcome.record);
        else rejections.reject(outcome.message);
      }
    }
  }
  return { auditEvents: audit.events, logRecords: [...logs.values()], scores: scores.list(), rejected: rejections.toRejection() };
}
