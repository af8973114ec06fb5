import { sql, type Transaction } from "kysely";
import type { DB, StaticGraph } from "@/lib/db/types";
import type { GraphDefinition } from "@/collector/normalize/rows";
import { mergeGraphs, EMPTY_GRAPH } from "@/collector/store/graph-merge";
import { ENTRY_NODE } from "@/lib/runs/lineage";
import type { FoldEvent } from "@/collector/store/fold-rows";
import { versionKeyOf, type GraphAddition, type VersionKey } from "@/collector/store/versions";

export interface LedgerEdge {
  runId: string;
  source: string;
  target: string;
}

const isEdge = (source: string | null, target: string | null) => source !== null && target !== null && source !== ENTRY_NODE;

/** The distinct ledger edges among new events. */
export function edgesOf(events: readonly FoldEvent[]): LedgerEdge[] {
  const edges = new Map<string, LedgerEdge>();
  for (const event of events) {
    if (!isEdge(event.source_node, event.target_node)) continue;
    edges.set(`${event.run_id}\u0000${event.source_node}\u0000${event.target_node}`, { runId: event.run_id, source: event.source_node!, target: event.target_node! });
  }
  return [...edges.values()];
}

/** Every stored ledger edge of the given runs: for runs whose version just became known. */
export async function storedLedgerEdges(trx: Transaction<DB>, tenantId: string, runIds: string[]): Promise<LedgerEdge[]> {
  if (runIds.length === 0) return [];
  const result = await sql<LedgerEdge>`
    select distinct run_id as "runId", source_node as source, target_node as target
    from audit_events
    where tenant_id = ${tenantId} and run_id = any(${runIds}::text[])
      and source_node is not null and target_node is not null and source_node <> ${ENTRY_NODE}`.execute(trx);
  return result.rows;
}

/** Definitions and ledger edges, merged per version before touching the database. */
export function graphAdditions(
  tenantId: string,
  definitions: readonly GraphDefinition[],
  edges: readonly LedgerEdge[],
  versionOfRun: ReadonlyMap<string, VersionKey>,
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
