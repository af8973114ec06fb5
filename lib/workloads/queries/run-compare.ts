import "server-only";
import type { Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { NotFoundError } from "@/lib/http/not-found";
import type { RunComparison } from "@/lib/workloads/types";
import { compareRunDags } from "@/lib/workloads/run-diff";
import { getRunDag } from "@/lib/runs/queries/run-dag";

/** Run b against run a, node by node. Throws NotFoundError naming an unknown run. */
export async function compareRuns(db: Kysely<DB>, tenantId: string, runIdA: string, runIdB: string): Promise<RunComparison> {
  // A comparison is read once, not refreshed: it waits for graphs of the runs as they are now.
  const [a, b] = await Promise.all([getRunDag(db, tenantId, runIdA, { current: true }), getRunDag(db, tenantId, runIdB, { current: true })]);
  if (!a) throw new NotFoundError(`No run ${runIdA}`);
  if (!b) throw new NotFoundError(`No run ${runIdB}`);
  return compareRunDags(a, b);
}
