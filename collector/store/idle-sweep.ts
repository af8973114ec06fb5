import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { RunChange } from "@/lib/runtime/run-changes";
import { closeIdleRuns, IDLE_CLOSE_BATCH } from "@/collector/store/run-aggregates";

/**
 * One sweep of the idle rule: closes every run due, a batch at a time with a turn of the event loop
 * between batches (so a backlog after an outage never holds thousands of rows or the loop at once),
 * and publishes what it closed, one change per tenant and batch. Returns how many it closed.
 */
export async function sweepIdleRuns(db: Kysely<DB>, idleCutoffNs: bigint, publish: (change: RunChange) => void, batch = IDLE_CLOSE_BATCH): Promise<number> {
  let total = 0;
  for (;;) {
    const closed = await closeIdleRuns(db, idleCutoffNs, batch);
    total += closed.length;
    const byTenant = new Map<string, string[]>();
    for (const run of closed) {
      const runIds = byTenant.get(run.tenantId);
      if (runIds) runIds.push(run.runId);
      else byTenant.set(run.tenantId, [run.runId]);
    }
    for (const [tenantId, runIds] of byTenant) publish({ tenantId, runIds });
    if (closed.length < batch) return total;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
