import { createLogger } from "@/lib/runtime/log";
import type { DecodedLogsRequest, DecodedMetricsRequest, DecodedTraceRequest } from "@/collector/decode/model";
import type { Encoding } from "@/collector/decode";
import type { WriteBatch } from "@/collector/store/write-batch";
import { logsKind, metricsKind, traceKind } from "@/collector/spool/records";
import type { RecordKind } from "@/collector/spool/frame";
import type { LedgerEntry } from "@/lib/runs/ledger-upload";
import { normalizeLogsSteps, normalizeMetricsSteps, normalizeTracesSteps, type Rejection } from "@/collector/normalize";
import { runInSlices } from "@/collector/decode/slices";
import { ledgerToAuditEvents } from "@/collector/normalize/ledger";
import type { Batcher } from "@/collector/pipeline/batcher";
import { InvalidExportError } from "@/collector/pipeline/errors";
import type { IngestMemory, Reservation } from "@/collector/pipeline/ingest-memory";

const log = createLogger("export");

export interface ExportResult {
  /** Records refused as invalid; the others were stored. */
  rejected: number;
  errorMessage: string;
}

/** An export request as received (decompressed): what the spool keeps. */
export interface ReceivedExport {
  encoding: Encoding;
  body: Uint8Array;
}

/**
 * Where an export's rows go once normalized: resolves once they are durable, in the database
 * (no spool) or in the spool (which stores them later). Either way the sender may hear "ok".
 */
export interface IngestSink {
  /** `memoryBytes`: the export's estimated size in memory (ingest-memory.ts), what keeping it decoded costs. */
  accept(batch: WriteBatch, tenantId: string, received: { kind: RecordKind; payload: Uint8Array; memoryBytes: number }): Promise<void>;
}

/** Runs one export's whole handling (decode included): lets the ingest path see how busy the receivers are. */
export type ReceiveTracker = <T>(work: () => Promise<T>) => Promise<T>;

export interface ExportService {
  /** Receivers run each export's decoding and export call inside this. */
  receive: ReceiveTracker;
  /** What exports in flight may hold: receivers reserve before decoding and release once answered. */
  memory: IngestMemory;
  exportTraces(request: DecodedTraceRequest, tenantId: string, received: ReceivedExport, reservation: Reservation): Promise<ExportResult>;
  exportLogs(request: DecodedLogsRequest, tenantId: string, received: ReceivedExport, reservation: Reservation): Promise<ExportResult>;
  exportMetrics(request: DecodedMetricsRequest, tenantId: string, received: ReceivedExport, reservation: Reservation): Promise<ExportResult>;
  /** Ledger uploads through the API are stored before they are answered: the answer counts stored rows. */
  exportLedger(runId: string, entries: LedgerEntry[], tenantId: string): Promise<ExportResult & { stored: number }>;
}

function outcome(kind: string, tenantId: string, kept: number, rejected: Rejection): ExportResult {
  if (rejected.count === 0 && rejected.messages.length === 0) return { rejected: 0, errorMessage: "" };
  const errorMessage = rejected.messages.join("; ");
  if (rejected.count === 0) {
    // Every record kept, something in one dropped (an invalid evaluation event on a span): a
    // partial success with nothing rejected is OTLP's warning.
    log.warn(`kept every one of the ${kind}, with warnings`, { tenant: tenantId, kept, first: rejected.messages[0] });
    return { rejected: 0, errorMessage };
  }
  if (kept === 0) {
    // Nothing usable at all: a permanent error tells the sender louder than a partial success.
    throw new InvalidExportError(`All ${rejected.count} ${kind} were invalid: ${errorMessage}`);
  }
  log.warn(`rejected invalid ${kind}`, { tenant: tenantId, rejected: rejected.count, kept, first: rejected.messages[0] });
  return { rejected: rejected.count, errorMessage };
}

/**
 * The one export path behind both transports: normalize (which also tells what to reject), hand
 * the rows to the sink, and resolve once they are durable. Receivers only deal with transport concerns.
 */
export function createExportService(sink: IngestSink, batcher: Batcher, memory: IngestMemory, receive: ReceiveTracker = (work) => work()): ExportService {
  return {
    receive,
    memory,
    async exportTraces(request, tenantId, received, reservation) {
      // In time slices: 8,192 spans take ~100 ms to normalize, too long to hold the loop.
      const normalized = await runInSlices(normalizeTracesSteps(request, tenantId));
      const result = outcome("spans", tenantId, normalized.spans.length, normalized.rejected);
      const { spans, auditEvents, graphs, nodeSpecs, scores } = normalized;
      await sink.accept({ spans, auditEvents, graphs, nodeSpecs, scores }, tenantId, { kind: traceKind(received.encoding), payload: received.body, memoryBytes: reservation.bytes });
      return result;
    },
    async exportLogs(request, tenantId, received, reservation) {
      const normalized = await runInSlices(normalizeLogsSteps(request, tenantId));
      const result = outcome("log records", tenantId, normalized.auditEvents.length + normalized.logRecords.length + normalized.scores.length, normalized.rejected);
      const batch = { spans: [], auditEvents: normalized.auditEvents, graphs: [], nodeSpecs: [], logRecords: normalized.logRecords, scores: normalized.scores };
      await sink.accept(batch, tenantId, { kind: logsKind(received.encoding), payload: received.body, memoryBytes: reservation.bytes });
      return result;
    },
    async exportMetrics(request, tenantId, received, reservation) {
      const normalized = await runInSlices(normalizeMetricsSteps(request, tenantId));
      const result = outcome("data points", tenantId, normalized.metricPoints.length, normalized.rejected);
      const batch = { spans: [], auditEvents: [], graphs: [], nodeSpecs: [], metrics: { series: normalized.metricSeries, points: normalized.metricPoints } };
      await sink.accept(batch, tenantId, { kind: metricsKind(received.encoding), payload: received.body, memoryBytes: reservation.bytes });
      return result;
    },
    async exportLedger(runId, entries, tenantId) {
      const { events, rejected } = ledgerToAuditEvents(tenantId, runId, entries);
      const result = outcome("ledger entries", tenantId, events.length, rejected);
      await batcher.submit({ spans: [], auditEvents: events, graphs: [], nodeSpecs: [] }, tenantId);
      return { ...result, stored: events.length };
    },
  };
}
