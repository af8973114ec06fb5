import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, NewAuditEvent, NewLogRecord, NewNodeSpec, NewScore, NewSpan } from "@/lib/db/types";
import { runsInProcess } from "@/lib/db/in-process";
import { insertScores } from "@/collector/store/insert-scores";
import { chunks } from "@/collector/store/chunks";
import { markSealedRunsStale } from "@/collector/ledger/seal";
import { insertMetrics, type MetricRows } from "@/collector/store/insert-metrics";
import type { GraphDefinition } from "@/collector/normalize/rows";
import { loadOverrides, lockTenantPrices } from "@/lib/costs/pricing/price-store";
import { foldBatch } from "@/collector/store/fold-batch";
import { FOLD_EVENT_ERROR, type FoldEvent } from "@/collector/store/fold-rows";
import { insertSpans } from "@/collector/store/insert-spans";
import { stageRowParts } from "@/lib/db/copy";
import { spansBesideSpecs } from "@/collector/store/spans-beside-specs";
import { lockRuns } from "@/collector/store/locks";
import { priceSpans } from "@/collector/store/price-spans";

export interface WriteBatch {
  spans: NewSpan[];
  auditEvents: NewAuditEvent[];
  graphs: GraphDefinition[];
  nodeSpecs: NewNodeSpec[];
  /** Log records that are not audit events (logs exports only). */
  logRecords?: NewLogRecord[];
  /** Scores from GenAI evaluation events (span events or log records). */
  scores?: NewScore[];
  /** Metric points and the series they belong to (metrics exports only). */
  metrics?: MetricRows;
}

/** Rows a batch adds (node specs and metric series ride along and are not counted). */
export const batchRows = (batch: WriteBatch): number =>
  batch.spans.length + batch.auditEvents.length + batch.graphs.length + (batch.logRecords?.length ?? 0) + (batch.scores?.length ?? 0) + (batch.metrics?.points.length ?? 0);

/** Nothing to store: no rows and no node specs (an export whose records were all rejected, say). */
export const isEmptyBatch = (batch: WriteBatch): boolean => batchRows(batch) === 0 && batch.nodeSpecs.length === 0;

export interface WriteResult {
  insertedSpans: number;
  insertedEvents: number;
  insertedLogRecords: number;
  insertedMetricPoints: number;
  insertedScores: number;
  touchedRuns: number;
  /** Runs that gained rows, per tenant: what live views refresh once the transaction commits. */
  changedRuns: { tenantId: string; runIds: string[] }[];
}

const LOG_RECORD_COLUMNS: (keyof NewLogRecord & string)[] = [
  "tenant_id", "record_key", "run_key", "time_unix_nano", "observed_time_unix_nano", "severity_number", "severity_text", "body",
  "body_is_json", "event_name", "trace_id", "span_id", "service_name", "scope_name", "scope_version", "attributes", "resource_attributes",
];
/** COPY text per statement: a record repeats its resource (up to 128 values of 256 KiB), so rows are counted in bytes, not rows. */
const LOG_COPY_BYTES_PER_STATEMENT = 4 * 1024 * 1024;

/**
 * Log records by COPY into a stage, then one insert from it that skips records already stored
 * (as spans are): with logs and metrics beside spans, PGlite kept ~0.91 of its span rate this
 * way against ~0.84 with one JSON parameter per statement (docs/benchmarks.md). Returns how many were new.
 */
async function insertLogRecords(trx: Transaction<DB>, records: readonly NewLogRecord[]): Promise<number> {
  let inserted = 0;
  await stageRowParts(trx, "log_records", LOG_RECORD_COLUMNS, records, LOG_COPY_BYTES_PER_STATEMENT, async (stage) => {
    const { rows: added } = await sql<{ one: number }>`
      insert into log_records (${sql.join(LOG_RECORD_COLUMNS.map((column) => sql.ref(column)))})
      select tenant_id, record_key, run_key, time_unix_nano, observed_time_unix_nano, coalesce(severity_number, 0), severity_text, body,
        coalesce(body_is_json, false), event_name, trace_id, span_id, service_name, scope_name, scope_version,
        coalesce(attributes, '{}'), coalesce(resource_attributes, '{}')
      from ${sql.raw(stage)}
      on conflict (tenant_id, time_unix_nano, record_key) do nothing
      returning 1 as one`.execute(trx);
    inserted += added.length;
  });
  return inserted;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The runs the rows belong to, per tenant. */
function runsByTenant(rows: readonly { tenant_id: string; run_id: string }[]): Map<string, Set<string>> {
  const byTenant = new Map<string, Set<string>>();
  for (const row of rows) {
    let runs = byTenant.get(row.tenant_id);
    if (!runs) byTenant.set(row.tenant_id, (runs = new Set()));
    runs.add(row.run_id);
  }
  return byTenant;
}

/**
 * Stores one batch in one transaction: new spans, audit events, log records and node specs (re-delivered
 * ones are skipped by their unique keys), then locks the runs that gained rows and folds those
 * rows into the roll-ups of their runs and versions (fold-batch.ts). Nothing is half-written: the caller acknowledges only
 * after this resolves.
 */
export async function writeBatch(db: Kysely<DB>, batch: WriteBatch, idleCutoffNs: bigint, options: { statementTimeoutMs?: number } = {}): Promise<WriteResult> {
  return db.transaction().execute(async (trx) => {
    // A statement stuck behind a lock or a stalled server ends with an error the spool retries,
    // instead of holding a writer for good.
    if (options.statementTimeoutMs) await sql.raw(`set local statement_timeout = ${Math.trunc(options.statementTimeoutMs)}`).execute(trx);

    // Spans are priced here, not at normalize, because only here are the tenants' overrides known.
    // They are read under the tenants' price locks, so a concurrent price change either waits for
    // this batch (and its repricing job then sees these spans) or is seen here.
    const pricedTenants = [...new Set(batch.spans.filter((span) => span.model_name).map((span) => span.tenant_id))];
    await lockTenantPrices(trx, pricedTenants, "shared");
    priceSpans(batch.spans, await loadOverrides(trx, pricedTenants));

    // Specs first: spans then store only what their spec as stored does not already hold. In key
    // order, so two writers inserting the same new specs wait for each other instead of deadlocking.
    const nodeSpecs = [...batch.nodeSpecs].sort((a, b) => (a.tenant_id === b.tenant_id ? compare(a.nodespec_id, b.nodespec_id) : compare(a.tenant_id, b.tenant_id)));
    for (const rows of chunks(nodeSpecs)) {
      await trx
        .insertInto("node_specs")
        .values(rows)
        .onConflict((oc) => oc.columns(["tenant_id", "nodespec_id"]).doNothing())
        .execute();
    }
    const { rows: spans, stage: addedStage } = await insertSpans(trx, await spansBesideSpecs(trx, batch.spans), runsInProcess(db));
    const events: (FoldEvent & { tenant_id: string })[] = [];
    for (const rows of chunks(batch.auditEvents)) {
      const inserted = await trx
        .insertInto("audit_events")
        .values(rows)
        .onConflict((oc) => oc.columns(["tenant_id", "run_id", "dedupe_key"]).doNothing())
        .returning(["tenant_id", "run_id", "time_unix_nano", "event_type", "source_node", "target_node", FOLD_EVENT_ERROR.as("error")])
        .execute();
      events.push(...inserted);
    }
    // Late audit events of a run whose ledger is sealed: the sealer seals it again.
    for (const [tenantId, runIds] of runsByTenant(events)) await markSealedRunsStale(trx, tenantId, [...runIds]);
    // Log records feed no roll-up: stored, and skipped when delivered again.
    const insertedLogRecords = await insertLogRecords(trx, batch.logRecords ?? []);
    // Metrics neither: series once, points skipped when delivered again.
    const insertedMetricPoints = batch.metrics ? await insertMetrics(trx, batch.metrics) : 0;
    // Scores neither: they are joined to runs when read (a score may come before its run's spans).
    const scored = await insertScores(trx, batch.scores ?? []);

    // The runs that gained rows are locked only now, for the fold: it reads each run's roll-ups
    // and writes them back, so writers adding to one run take turns and each sees what the other
    // committed. Locked any earlier, writers whose batches share one run would wait for each
    // other's inserts too, and batches that each share a run with the next would run one at a time.
    const touched = runsByTenant([...spans, ...events]);
    for (const tenantId of [...touched.keys()].sort()) await lockRuns(trx, tenantId, [...touched.get(tenantId)!]);
    const tenants = new Set([...touched.keys(), ...batch.graphs.map((g) => g.tenantId)]);
    for (const tenantId of [...tenants].sort()) {
      const ofTenant = <T extends { tenant_id: string }>(rows: T[]) => rows.filter((row) => row.tenant_id === tenantId);
      await foldBatch(trx, tenantId, ofTenant(spans), ofTenant(events), batch.graphs.filter((g) => g.tenantId === tenantId), idleCutoffNs, addedStage);
    }
    const touchedRuns = [...touched.values()].reduce((sum, runs) => sum + runs.size, 0);
    // A run page open on a scored run refreshes its scores too; no fold needed for them.
    for (const [tenantId, runIds] of runsByTenant(scored)) {
      const runs = touched.get(tenantId) ?? new Set<string>();
      for (const runId of runIds) runs.add(runId);
      touched.set(tenantId, runs);
    }
    const changedRuns = [...touched].map(([tenantId, runIds]) => ({ tenantId, runIds: [...runIds] }));
    return { insertedSpans: spans.length, insertedEvents: events.length, insertedLogRecords, insertedMetricPoints, insertedScores: scored.length, touchedRuns, changedRuns };
  });
}
