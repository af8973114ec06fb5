import "server-only";
import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { LedgerGroup, NodeSpanGroup } from "@/lib/runs/dag";
import { LEDGER_GROUP_FIGURES, SPAN_GROUP_FIGURES, SPAN_GROUP_KEY } from "@/lib/runs/queries/dag-group-sql";

// A run's span and ledger groups come from the roll-ups ingest folds batch by batch
// (collector/store/dag-rollups.ts). A run never folded (runs.aggregate_inputs null: stored before
// folds existed, or written around ingest) is grouped from its rows, by the same rules.

const folded = async (db: Kysely<DB>, tenantId: string, runId: string): Promise<boolean> =>
  (await sql<{ folded: boolean }>`select aggregate_inputs is not null as folded from runs where tenant_id = ${tenantId} and run_id = ${runId}`.execute(db)).rows[0]?.folded ?? false;

interface SpanGroupRow {
  node_name: string | null;
  nodespec_id: string | null;
  role: string | null;
  service_name: string | null;
  activations: number | string;
  first_start_ns: string;
  last_end_ns: string;
  duration_ns: string;
  input_tokens: string;
  output_tokens: string;
  cost_usd: string;
  error_count: number | string;
  error_message: string | null;
  failed_activations: number | string;
  last_start_ns: string | null;
  last_attempt: number | string;
  last_failed: boolean;
}

/** The run's span and ledger groups, from the roll-ups or, for a run never folded, from its rows. */
export async function runGroups(db: Kysely<DB>, tenantId: string, runId: string): Promise<{ spanGroups: NodeSpanGroup[]; ledger: LedgerGroup[] }> {
  const fromRollUps = await folded(db, tenantId, runId);
  return { spanGroups: await nodeSpanGroups(db, tenantId, runId, fromRollUps), ledger: await ledgerGroups(db, tenantId, runId, fromRollUps) };
}

async function nodeSpanGroups(db: Kysely<DB>, tenantId: string, runId: string, fromRollUps: boolean): Promise<NodeSpanGroup[]> {
  const { rows } = fromRollUps
    ? await sql<SpanGroupRow>`
      select node_name, nodespec_id, role, service_name, activations, first_start_ns, last_end_ns, duration_ns, input_tokens, output_tokens,
        cost_usd, error_count, error_message, failed_activations, last_start_ns, last_attempt, last_failed
      from run_span_groups where tenant_id = ${tenantId} and run_id = ${runId}
      order by node_name, nodespec_id`.execute(db)
    : await sql<SpanGroupRow>`
      select node_name, ${SPAN_GROUP_FIGURES}
      from spans where tenant_id = ${tenantId} and run_id = ${runId}
      group by ${SPAN_GROUP_KEY}
      order by node_name, nodespec_id`.execute(db);
  return rows.map((row) => ({
    nodeName: row.node_name,
    nodespecId: row.nodespec_id,
    role: row.role,
    service: row.service_name,
    activations: Number(row.activations),
    firstStartNs: row.first_start_ns,
    lastEndNs: row.last_end_ns,
    durationNs: row.duration_ns,
    inputTokens: Number(row.input_tokens),
    outputTokens: Number(row.output_tokens),
    costUsd: Number(row.cost_usd),
    errorCount: Number(row.error_count),
    errorMessage: row.error_message,
    failedActivations: Number(row.failed_activations),
    lastStartNs: row.last_start_ns,
    lastAttempt: Number(row.last_attempt),
    lastFailed: row.last_failed,
  }));
}

interface LedgerGroupRow {
  event_type: string;
  source_node: string | null;
  target_node: string | null;
  count: number | string;
  error_message: string | null;
}

async function ledgerGroups(db: Kysely<DB>, tenantId: string, runId: string, fromRollUps: boolean): Promise<LedgerGroup[]> {
  const { rows } = fromRollUps
    ? await sql<LedgerGroupRow>`
      select event_type, source_node, target_node, count, error_message
      from run_ledger_groups where tenant_id = ${tenantId} and run_id = ${runId}
      order by event_type, source_node, target_node`.execute(db)
    : await sql<LedgerGroupRow>`
      select event_type, source_node, target_node, ${LEDGER_GROUP_FIGURES}
      from (select event_type, source_node, target_node, time_unix_nano, coalesce(metadata->>'error', metadata->>'error_message') as error
        from audit_events where tenant_id = ${tenantId} and run_id = ${runId}) as e
      group by event_type, source_node, target_node
      order by event_type, source_node, target_node`.execute(db);
  return rows.map((row) => ({ eventType: row.event_type, sourceNode: row.source_node, targetNode: row.target_node, count: Number(row.count), errorMessage: row.error_message }));
}
