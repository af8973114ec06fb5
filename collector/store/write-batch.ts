import { sql, type Kysely, type Transaction } from "kysely";
import type { DB, NewAuditEvent, NewNodeSpec, NewSpan, StaticGraph } from "@/lib/db/types";
import type { GraphDefinition } from "@/collector/normalize/rows";
import { mergeGraphs, EMPTY_GRAPH } from "@/collector/store/graph-merge";
import { ENTRY_NODE } from "@/lib/runs/lineage";
import { loadOverrides, lockTenantPrices } from "@/lib/costs/pricing/price-store";
import { insertSpans } from "@/collector/store/insert-spans";
import { lockRuns, lockVersions } from "@/collector/store/locks";
import { priceSpans } from "@/collector/store/price-spans";
import { recomputeRuns } from "@/collector/store/run-aggregates";
import { recomputeRunModels } from "@/collector/store/run-models";
import { recomputeRunNodes } from "@/collector/store/run-nodes";
import { addToGraphs, recomputeVersions, versionKeyOf, type GraphAddition, type VersionKey } from "@/collector/store/versions";

export interface WriteBatch {
  spans: NewSpan[];
  auditEvents: NewAuditEvent[];
  graphs: GraphDefinition[];
  nodeSpecs: NewNodeSpec[];
}

/** Rows a batch adds (node specs ride along and are not counted). */
export const batchRows = (batch: WriteBatch): number => batch.spans.length + batch.auditEvents.length + batch.graphs.length;

/** Nothing to store: no rows and no node specs (an export of non-audit log records, say). */
export const isEmptyBatch = (batch: WriteBatch): boolean => batchRows(batch) === 0 && batch.nodeSpecs.length === 0;

export interface WriteResult {
  insertedSpans: number;
  insertedEvents: number;
  touchedRuns: number;
  /** Runs that gained rows, per tenant: what live views refresh once the transaction commits. */
  changedRuns: { tenantId: string; runIds: string[] }[];
}

// PostgreSQL binds at most 65,534 parameters per statement, and PGlite reads the count as a
// signed 16-bit number: stay under 32,767 whatever the backend.
const MAX_PARAMETERS = 32_000;

/** Splits rows into statements that each bind fewer parameters than either backend allows. */
export function chunks<T extends object>(rows: T[]): T[][] {
  if (rows.length === 0) return [];
  const columns = new Set<string>();
  for (const row of rows.slice(0, 50)) for (const key of Object.keys(row)) columns.add(key);
  const size = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(columns.size, 1)));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * Stores one batch in one transaction: new spans, audit events and node specs (re-delivered
 * ones are skipped by their unique keys), then recomputes the runs and versions that gained
 * something. Nothing is half-written: the caller acknowledges only after this resolves.
 */
export async function writeBatch(db: Kysely<DB>, batch: WriteBatch, idleCutoffNs: bigint, options: { statementTimeoutMs?: number } = {}): Promise<WriteResult> {
  return db.transaction().execute(async (trx) => {
    // A statement stuck behind a lock or a stalled server ends with an error the spool retries,
    // instead of holding a writer for good.
    if (options.statementTimeoutMs) await sql.raw(`set local statement_timeout = ${Math.trunc(options.statementTimeoutMs)}`).execute(trx);
    const touched = new Map<string, Set<string>>();
    const touch = (tenantId: string, runId: string) => {
      let runs = touched.get(tenantId);
      if (!runs) touched.set(tenantId, (runs = new Set()));
      runs.add(runId);
    };

    // Spans are priced here, not at normalize, because only here are the tenants' overrides known.
    // They are read under the tenants' price locks, so a concurrent price change either waits for
    // this batch (and its repricing job then sees these spans) or is seen here.
    const pricedTenants = [...new Set(batch.spans.filter((span) => span.model_name).map((span) => span.tenant_id))];
    await lockTenantPrices(trx, pricedTenants, "shared");
    priceSpans(batch.spans, await loadOverrides(trx, pricedTenants));

    const insertedSpanRows = await insertSpans(trx, batch.spans);
    for (const row of insertedSpanRows) touch(row.tenant_id, row.run_id);
    const insertedSpans = insertedSpanRows.length;

    let insertedEvents = 0;
    for (const rows of chunks(batch.auditEvents)) {
      const inserted = await trx
        .insertInto("audit_events")
        .values(rows)
        .onConflict((oc) => oc.columns(["tenant_id", "run_id", "dedupe_key"]).doNothing())
        .returning(["tenant_id", "run_id"])
        .execute();
      insertedEvents += inserted.length;
      for (const row of inserted) touch(row.tenant_id, row.run_id);
    }

    for (const rows of chunks(batch.nodeSpecs)) {
      await trx
        .insertInto("node_specs")
        .values(rows)
        .onConflict((oc) => oc.columns(["tenant_id", "nodespec_id"]).doNothing())
        .execute();
    }

    const tenants = new Set([...touched.keys(), ...batch.graphs.map((g) => g.tenantId)]);
    let touchedRuns = 0;
    for (const tenantId of [...tenants].sort()) {
      const runIds = [...(touched.get(tenantId) ?? [])];
      touchedRuns += runIds.length;
      await lockRuns(trx, tenantId, runIds);
      const runs = await recomputeRuns(trx, tenantId, runIds, idleCutoffNs);
      await recomputeRunNodes(trx, tenantId, runIds);
      await recomputeRunModels(trx, tenantId, runIds);

      const versionOfRun = new Map<string, VersionKey>();
      const versions = new Map<string, VersionKey>();
      for (const run of runs) {
        if (!run.workload_name || !run.workload_logic_id) continue;
        const key = { workloadName: run.workload_name, logicId: run.workload_logic_id };
        versionOfRun.set(run.run_id, key);
        versions.set(versionKeyOf(key), key);
      }
      // All ledger edges of every touched run: a run's events may have arrived before the spans
      // that tell its version, so edges seen earlier join the graph now.
      const edges = await ledgerEdges(trx, tenantId, [...versionOfRun.keys()]);
      const additions = graphAdditions(tenantId, batch.graphs, edges, versionOfRun);
      for (const addition of additions.values()) versions.set(versionKeyOf(addition), addition);

      await lockVersions(trx, tenantId, [...versions.keys()]);
      await recomputeVersions(trx, tenantId, [...versions.values()]);
      await addToGraphs(trx, tenantId, [...additions.values()]);
    }
    const changedRuns = [...touched].map(([tenantId, runIds]) => ({ tenantId, runIds: [...runIds] }));
    return { insertedSpans, insertedEvents, touchedRuns, changedRuns };
  });
}

interface LedgerEdge {
  runId: string;
  source: string;
  target: string;
}

async function ledgerEdges(trx: Transaction<DB>, tenantId: string, runIds: string[]): Promise<LedgerEdge[]> {
  if (runIds.length === 0) return [];
  const result = await sql<LedgerEdge>`
    select distinct run_id as "runId", source_node as source, target_node as target
    from audit_events
    where tenant_id = ${tenantId} and run_id = any(${runIds}::text[])
      and source_node is not null and target_node is not null and source_node <> ${ENTRY_NODE}`.execute(trx);
  return result.rows;
}

/** Definitions and ledger edges, merged per version before touching the database. */
function graphAdditions(
  tenantId: string,
  definitions: GraphDefinition[],
  edges: LedgerEdge[],
  versionOfRun: Map<string, VersionKey>,
): Map<string, GraphAddition> {
  const additions = new Map<string, GraphAddition>();
  const add = (key: VersionKey, graph: StaticGraph, seen: bigint, workloadId: string | null, version: string | null) => {
    const id = versionKeyOf(key);
    const known = additions.get(id);
    additions.set(id, {
      ...key,
      graph: mergeGraphs(known?.graph ?? EMPTY_GRAPH, graph),
      workloadId: known?.workloadId ?? workloadId,
      version: known?.version ?? version,
      // 0n means "no time known" (an observed edge); otherwise keep the earliest sighting.
      seenUnixNano: !known || known.seenUnixNano === 0n ? seen : seen === 0n || known.seenUnixNano < seen ? known.seenUnixNano : seen,
    });
  };
  for (const definition of definitions) {
    if (definition.tenantId !== tenantId) continue;
    const key = { workloadName: definition.workloadName, logicId: definition.logicId };
    add(key, definition.graph, definition.seenUnixNano, definition.workloadId, definition.version);
  }
  // Observed edges are merged once per version: merging them one at a time copied the graph per edge.
  const observed = new Map<string, { key: VersionKey; graph: StaticGraph }>();
  for (const edge of edges) {
    const key = versionOfRun.get(edge.runId);
    if (!key) continue;
    const id = versionKeyOf(key);
    let entry = observed.get(id);
    if (!entry) observed.set(id, (entry = { key, graph: { nodes: [], edges: [] } }));
    entry.graph.edges.push({ source: edge.source, target: edge.target });
  }
  for (const { key, graph } of observed.values()) add(key, graph, 0n, null, null);
  return additions;
}
