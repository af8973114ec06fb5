import type { Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import type { GraphDefinition } from "@/collector/normalize/rows";
import type { FoldEvent, FoldSpan } from "@/collector/store/fold-rows";
import { foldDagRollups } from "@/collector/store/dag-rollups";
import { edgesOf, graphAdditions, storedLedgerEdges } from "@/collector/store/graph-additions";
import { lockVersions } from "@/collector/store/locks";
import { spanDeltas } from "@/collector/store/node-fold";
import { addLedgerNodes, addModels, foldNodes, movePlacements, type RunPlacement } from "@/collector/store/node-store";
import { emptyRunAggregate, foldEvents, foldSpans, runColumns, type RunAggregate } from "@/collector/store/run-fold";
import { readRuns, readWholeRuns, writeRuns, type FoldedRun } from "@/collector/store/run-store";
import { readRetries } from "@/collector/store/run-retries";
import { addToGraphs, addToVersions, removeFromVersions, versionKeyOf, type VersionArrival, type VersionKey } from "@/collector/store/versions";

const groupByRun = <T extends { run_id: string }>(rows: readonly T[]): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.run_id);
    if (group) group.push(row);
    else groups.set(row.run_id, [row]);
  }
  return groups;
};

const samePlacement = (a: RunPlacement, b: RunPlacement) =>
  a.workloadName === b.workloadName && a.logicId === b.logicId && a.deploymentId === b.deploymentId && a.startNs === b.startNs;

const versionOf = (workloadName: string | null, logicId: string | null): VersionKey | null =>
  workloadName !== null && logicId !== null ? { workloadName, logicId } : null;

/**
 * Folds one tenant's new rows of a batch into its roll-ups: runs, run_nodes, run_models, call
 * usage, ledger nodes, the run DAG's span and ledger groups, versions and their graphs. The work
 * grows with the batch, not with the runs it adds to. Callers hold the runs' locks. `addedStage`,
 * when given, holds `newSpans` (and other tenants' rows) for the folds done in SQL (insert-spans.ts).
 */
export async function foldBatch(
  trx: Transaction<DB>,
  tenantId: string,
  newSpans: readonly FoldSpan[],
  newEvents: readonly FoldEvent[],
  graphs: readonly GraphDefinition[],
  idleCutoffNs: bigint,
  addedStage: string | null = null,
): Promise<void> {
  const runIds = [...new Set([...newSpans.map((s) => s.run_id), ...newEvents.map((e) => e.run_id)])].sort();
  const stored = await readRuns(trx, tenantId, runIds);
  // Runs stored before folds existed are folded whole, once.
  const unfolded = new Set(runIds.filter((runId) => stored.has(runId) && stored.get(runId)!.aggregate === null));
  const whole = await readWholeRuns(trx, tenantId, [...unfolded]);
  const spans = [...newSpans.filter((s) => !unfolded.has(s.run_id)), ...whole.spans];
  const events = [...newEvents.filter((e) => !unfolded.has(e.run_id)), ...whole.events];

  const aggregates = new Map<string, RunAggregate>();
  for (const runId of runIds) aggregates.set(runId, (unfolded.has(runId) ? null : stored.get(runId)?.aggregate) ?? emptyRunAggregate());
  for (const [runId, group] of groupByRun(spans)) foldSpans(aggregates.get(runId)!, group);
  for (const [runId, group] of groupByRun(events)) foldEvents(aggregates.get(runId)!, group);

  const placements = new Map<string, RunPlacement>();
  const moved = new Map<string, RunPlacement>();
  for (const [runId, aggregate] of aggregates) {
    const columns = runColumns(aggregate, idleCutoffNs);
    const placement = { workloadName: columns.workload_name, logicId: columns.workload_logic_id, deploymentId: columns.deployment_id, startNs: columns.start_time_unix_nano };
    placements.set(runId, placement);
    const before = stored.get(runId);
    if (before && !unfolded.has(runId) && !samePlacement(placement, { workloadName: before.workloadName, logicId: before.logicId, deploymentId: before.deploymentId, startNs: before.startNs })) {
      moved.set(runId, placement);
    }
  }

  for (const [runId, gained] of await addLedgerNodes(trx, tenantId, events)) aggregates.get(runId)!.inputs.ledgerNodes += gained;
  const deltas = spanDeltas(spans);
  const storedRuns = new Set(runIds.filter((runId) => stored.has(runId) && !unfolded.has(runId)));
  for (const [runId, gained] of await foldNodes(trx, tenantId, deltas.nodes, deltas.calls, storedRuns)) aggregates.get(runId)!.inputs.namedNodes += gained;
  await addModels(trx, tenantId, deltas.models, placements);
  await movePlacements(trx, tenantId, moved);
  if (addedStage) await foldDagRollups(trx, tenantId, whole.spans, events, { table: addedStage, exceptRuns: [...unfolded] });
  else await foldDagRollups(trx, tenantId, spans, events);
  // Whether failures were retried is for runs with failures only: most batches skip the read.
  const failing = [...aggregates].filter(([, aggregate]) => aggregate.inputs.spanErrors > 0 || aggregate.inputs.failedNodes > 0).map(([runId]) => runId);
  const retries = await readRetries(trx, tenantId, failing);
  for (const runId of failing) {
    const retry = retries.get(runId);
    if (retry) aggregates.get(runId)!.inputs.retry = retry;
    else delete aggregates.get(runId)!.inputs.retry;
  }

  const folded: FoldedRun[] = [...aggregates].map(([runId, aggregate]) => ({ runId, aggregate, columns: runColumns(aggregate, idleCutoffNs) }));
  await writeRuns(trx, tenantId, folded);
  await foldVersions(trx, tenantId, folded, stored, events, graphs);
}

/** Counts runs into their versions (and out of the ones they left), and merges graph definitions and ledger edges. */
async function foldVersions(
  trx: Transaction<DB>,
  tenantId: string,
  runs: readonly FoldedRun[],
  stored: ReadonlyMap<string, { workloadName: string | null; logicId: string | null }>,
  events: readonly FoldEvent[],
  graphs: readonly GraphDefinition[],
): Promise<void> {
  const arrivals: VersionArrival[] = [];
  const lost: VersionKey[] = [];
  const versionOfRun = new Map<string, VersionKey>();
  const joined = new Set<string>();
  for (const { runId, columns } of runs) {
    const before = stored.get(runId);
    const from = before ? versionOf(before.workloadName, before.logicId) : null;
    const to = versionOf(columns.workload_name, columns.workload_logic_id);
    const moved = (from === null) !== (to === null) || (from !== null && to !== null && versionKeyOf(from) !== versionKeyOf(to));
    if (from && moved) lost.push(from);
    if (!to) continue;
    versionOfRun.set(runId, to);
    // A stored run whose version is new to it brings the ledger edges stored before.
    if (before && moved) joined.add(runId);
    arrivals.push({ ...to, newRun: moved, startNs: columns.start_time_unix_nano, endNs: columns.end_time_unix_nano });
  }
  const edges = [...edgesOf(events.filter((e) => !joined.has(e.run_id))), ...(await storedLedgerEdges(trx, tenantId, [...joined]))];
  const additions = graphAdditions(tenantId, graphs, edges, versionOfRun);

  const keys = new Map<string, VersionKey>();
  for (const key of [...arrivals, ...lost, ...additions.values()]) keys.set(versionKeyOf(key), key);
  if (keys.size === 0) return;
  await lockVersions(trx, tenantId, [...keys.keys()]);
  await addToVersions(trx, tenantId, arrivals);
  await removeFromVersions(trx, tenantId, lost);
  await addToGraphs(trx, tenantId, [...additions.values()]);
}
