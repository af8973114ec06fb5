import { sql, type Kysely, type Transaction } from "kysely";
import type { DB } from "@/lib/db/types";
import type { JsonValue } from "@/sdk/src/canonical-json";
import type { ChainEvent } from "@/sdk/src/ledger-chain/chain";

/** Past this many events a run is not chained: reading them all at once would not be bounded. */
export const MAX_CHAINED_EVENTS = 200_000;

interface EventRow {
  event_type: string;
  time: string;
  token_id: string | null;
  parent_token_id: string | null;
  source_node: string | null;
  target_node: string | null;
  lineage: string[] | null;
  metadata: { [key: string]: JsonValue } | null;
  trace_id: string | null;
  span_id: string | null;
}

/** The run's audit events as the chain covers them (any order), or null past MAX_CHAINED_EVENTS. */
export async function chainEventsOf(db: Kysely<DB> | Transaction<DB>, tenantId: string, runId: string): Promise<ChainEvent[] | null> {
  const { rows } = await sql<EventRow>`
    select event_type, time_unix_nano::text as time, token_id, parent_token_id, source_node, target_node, lineage, metadata, trace_id, span_id
    from audit_events where tenant_id = ${tenantId} and run_id = ${runId}
    limit ${MAX_CHAINED_EVENTS + 1}`.execute(db);
  if (rows.length > MAX_CHAINED_EVENTS) return null;
  return rows.map((row) => ({
    type: row.event_type,
    time: row.time,
    tokenId: row.token_id,
    parentTokenId: row.parent_token_id,
    sourceNode: row.source_node,
    targetNode: row.target_node,
    lineage: row.lineage ?? [],
    metadata: row.metadata ?? {},
    traceId: row.trace_id,
    spanId: row.span_id,
  }));
}

/** 32-byte hashes packed one after another, as the chain tables keep them. */
export const packHashes = (hashes: readonly Buffer[]): Buffer => Buffer.concat(hashes);
export function unpackHashes(packed: Uint8Array | null): string[] {
  if (!packed) return [];
  const buffer = Buffer.from(packed);
  const out: string[] = [];
  for (let i = 0; i + 32 <= buffer.length; i += 32) out.push(buffer.subarray(i, i + 32).toString("hex"));
  return out;
}
