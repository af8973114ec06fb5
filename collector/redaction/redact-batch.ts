import { Redactor } from "@/lib/redaction/redactor";
import { ScanBudget } from "@/lib/redaction/scan";
import type { CompiledTenant } from "@/collector/redaction/tenant-rules";
import { redactAuditEvent, redactLogRecord, redactMetricSeries, redactScore, redactSpan } from "@/collector/redaction/redact-rows";
import type { WriteBatch } from "@/collector/store/write-batch";

/** Time custom patterns may take over one write (a few exports): past it, values still unscanned are dropped. */
export const CUSTOM_PATTERN_BUDGET_MS = 100;

/** Longest stretch of redaction between turns of the event loop: exports keep being answered while a large write is scanned. */
export const REDACTION_SLICE_MS = 8;
/** Rows redacted between looks at the clock. */
const ROWS_PER_CHECK = 16;

type RulesOf = (tenantId: string) => Promise<CompiledTenant | null>;

/** Yields to the event loop once REDACTION_SLICE_MS has passed since the last turn. */
class Slicer {
  private since = performance.now();
  async pause(): Promise<void> {
    if (performance.now() - this.since < REDACTION_SLICE_MS) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.since = performance.now();
  }
}

/**
 * Rows already redacted when their export was received (the spool then holds them redacted, never
 * as sent): the write that stores them must not scan them again, or a hash marker could be taken
 * for a secret and a count double. A WeakSet, so a row leaves it with its last reference.
 */
const scannedRows = new WeakSet<object>();

const rowLists = (batch: WriteBatch): { tenant_id: string }[][] => [batch.spans, batch.auditEvents, batch.logRecords ?? [], batch.scores ?? [], batch.metrics?.series ?? []];

/** Marks every row of a batch that redactBatch has been through. */
export function markScanned(batch: WriteBatch): void {
  for (const rows of rowLists(batch)) for (const row of rows) scannedRows.add(row);
}

function tenantsOf(batch: WriteBatch): Set<string> {
  const tenants = new Set<string>();
  for (const rows of rowLists(batch)) {
    let last: string | undefined;
    // Rows come in runs of one tenant: checking against the last one keeps this near free.
    for (const row of rows) if (row.tenant_id !== last && !scannedRows.has(row)) tenants.add((last = row.tenant_id));
  }
  return tenants;
}

/**
 * The batch with each tenant's rules applied to its spans, ledger events, log records, score
 * comments and metric series (their points hold only numbers); the same batch, untouched, when no
 * tenant in it has rules. Never changes the batch it is given, so a write that is retried redacts
 * the original again, not its own markers. Rows marked scanned (markScanned) pass as they are.
 */
export async function redactBatch(batch: WriteBatch, rulesOf: RulesOf): Promise<WriteBatch> {
  const redactors = new Map<string, Redactor>();
  const budget = new ScanBudget(CUSTOM_PATTERN_BUDGET_MS);
  for (const tenantId of tenantsOf(batch)) {
    const tenant = await rulesOf(tenantId);
    if (tenant !== null) redactors.set(tenantId, new Redactor(tenant.rules, tenant.hashKey, budget));
  }
  if (redactors.size === 0) return batch;
  const slicer = new Slicer();
  const apply = async <T extends { tenant_id: string }>(rows: T[], redact: (row: T, redactor: Redactor) => T): Promise<T[]> => {
    const out = new Array<T>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      if (i % ROWS_PER_CHECK === 0) await slicer.pause();
      const row = rows[i]!;
      const redactor = redactors.get(row.tenant_id);
      out[i] = redactor && !scannedRows.has(row) ? redact(row, redactor) : row;
    }
    return out;
  };
  return {
    ...batch,
    spans: await apply(batch.spans, redactSpan),
    auditEvents: await apply(batch.auditEvents, redactAuditEvent),
    logRecords: batch.logRecords && (await apply(batch.logRecords, redactLogRecord)),
    scores: batch.scores && (await apply(batch.scores, redactScore)),
    metrics: batch.metrics && { ...batch.metrics, series: await apply(batch.metrics.series, redactMetricSeries) },
  };
}
