import { createLogger } from "@/lib/runtime/log";
import type { DecodedLogsRequest, DecodedTraceRequest } from "@/collector/decode/model";
import type { LedgerEntry } from "@/lib/runs/ledger-upload";
import { normalizeLogsSteps, normalizeTracesSteps, type Rejection } from "@/collector/normalize";
import { runInSlices } from "@/collector/decode/slices";
import { ledgerToAuditEvents } from "@/collector/normalize/ledger";
import type { Batcher } from "@/collector/pipeline/batcher";
import { InvalidExportError } from "@/collector/pipeline/errors";

const log = createLogger("export");

export interface ExportResult {
  /** Records refused as invalid; the others were stored. */
  rejected: number;
  errorMessage: string;
}

export interface ExportService {
  exportTraces(request: DecodedTraceRequest, tenantId: string): Promise<ExportResult>;
  exportLogs(request: DecodedLogsRequest, tenantId: string): Promise<ExportResult>;
  exportLedger(runId: string, entries: LedgerEntry[], tenantId: string): Promise<ExportResult & { stored: number }>;
}

function outcome(kind: string, tenantId: string, kept: number, rejected: Rejection): ExportResult {
  if (rejected.count === 0) return { rejected: 0, errorMessage: "" };
  const errorMessage = rejected.messages.join("; ");
  if (kept === 0) {
    // Nothing usable at all: a permanent error tells the sender louder than a partial success.
    throw new InvalidExportError(`All ${rejected.count} ${kind} were invalid: ${errorMessage}`);
  }
  log.warn(`rejected invalid ${kind}`, { tenant: tenantId, rejected: rejected.count, kept, first: rejected.messages[0] });
  return { rejected: rejected.count, errorMessage };
}

/**
 * The one export path behind both transports: normalize, queue for the batched writer, and
 * resolve once the rows are committed. Receivers only deal with transport concerns.
 */
export function createExportService(batcher: Batcher): ExportService {
  return {
    async exportTraces(request, tenantId) {
      // In time slices: 8,192 spans take ~100 ms to normalize, too long to hold the loop.
      const normalized = await runInSlices(normalizeTracesSteps(request, tenantId));
      const result = outcome("spans", tenantId, normalized.spans.length, normalized.rejected);
      await batcher.submit(normalized, tenantId);
      return result;
    },
    async exportLogs(request, tenantId) {
      const normalized = await runInSlices(normalizeLogsSteps(request, tenantId));
      const result = outcome("log records", tenantId, normalized.auditEvents.length + normalized.ignored, normalized.rejected);
      await batcher.submit({ spans: [], auditEvents: normalized.auditEvents, graphs: [], nodeSpecs: [] }, tenantId);
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
