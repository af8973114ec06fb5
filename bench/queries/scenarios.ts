/**
 * The API reads under test, each timed as its route handler's server-side work: parse the query
 * string, run the query functions, JSON.stringify the body (what Response.json does).
 */
import { sql, type Kysely } from "kysely";
import type { DB } from "../../lib/db/types";
import { getRun, getRunDag } from "../../lib/queries/run-dag";
import { listRuns, runFilterOptions } from "../../lib/queries/run-list";
import { listRunLedger, listRunSpans } from "../../lib/queries/run-spans";
import { parseRunListParams } from "../../lib/runs/list-params";

const TENANT = "default";
/** The target, for the runs list and the run DAG. */
export const TARGET_P95_MS = 25;

export interface Scenario {
  name: string;
  targeted: boolean;
  /** The handler's work for iteration i; returns the response body. `db` lets EXPLAIN record the statements. */
  handle(db: Kysely<DB>, i: number): Promise<unknown>;
}

export interface Result {
  name: string;
  targeted: boolean;
  p50: number;
  p95: number;
  max: number;
  kb: number;
}

const list = (db: Kysely<DB>, query: string) => listRuns(db, TENANT, parseRunListParams(new URLSearchParams(query)));

/** Values the filters use, read from the seeded data so the scenarios hit real rows. */
async function sampleInputs(db: Kysely<DB>) {
  const version = await db.selectFrom("workload_versions").select(["workload_name", "logic_id"]).orderBy("run_count", "desc").executeTakeFirstOrThrow();
  const deployment = await db.selectFrom("runs").select("deployment_id").where("tenant_id", "=", TENANT).limit(1).executeTakeFirstOrThrow();
  // A fixed-seed shuffle would need a helper; random() over 50k run rows once is cheap enough.
  const { rows } = await sql<{ run_id: string }>`select run_id from runs where tenant_id = ${TENANT} order by random() limit 1000`.execute(db);
  return { workload: version.workload_name, logicId: version.logic_id, deployment: deployment.deployment_id!, runIds: rows.map((r) => r.run_id) };
}

export async function buildScenarios(db: Kysely<DB>): Promise<Scenario[]> {
  const { workload, logicId, deployment, runIds } = await sampleInputs(db);
  const runAt = (i: number) => runIds[i % runIds.length]!;
  let cursor: string | null = null;
  for (let page = 0; page < 50; page++) cursor = (await list(db, cursor ? `cursor=${cursor}` : "")).nextCursor;
  const deepQuery = `cursor=${cursor}`;
  return [
    { name: "runs list, no filter", targeted: true, handle: (db) => list(db, "") },
    { name: "runs list, workload=", targeted: true, handle: (db) => list(db, new URLSearchParams({ workload }).toString()) },
    { name: "runs list, workload= & logicId=", targeted: true, handle: (db) => list(db, new URLSearchParams({ workload, logicId }).toString()) },
    { name: "runs list, status=failed", targeted: true, handle: (db) => list(db, "status=failed") },
    { name: "runs list, deployment= & from=7d", targeted: true, handle: (db) => list(db, new URLSearchParams({ deployment, from: "7d" }).toString()) },
    // A different run id prefix each time: what someone pasting part of an id does.
    { name: "runs list, q=<run id prefix>", targeted: true, handle: (db, i) => list(db, `q=${runAt(i).slice(0, 8)}`) },
    { name: "runs list, page 51 (cursor)", targeted: true, handle: (db) => list(db, deepQuery) },
    { name: "run DAG (random run)", targeted: true, handle: (db, i) => getRunDag(db, TENANT, runAt(i)) },
    // The spans and ledger handlers check the run exists first, as the routes do.
    {
      name: "run spans, summary",
      targeted: false,
      handle: async (db, i) => (await getRun(db, TENANT, runAt(i))) && listRunSpans(db, TENANT, runAt(i), { full: false, limit: 10_000, cursor: null }),
    },
    {
      name: "run ledger",
      targeted: false,
      handle: async (db, i) => (await getRun(db, TENANT, runAt(i))) && listRunLedger(db, TENANT, runAt(i), { limit: 5_000, cursor: null }),
    },
    { name: "filter options", targeted: false, handle: (db) => runFilterOptions(db, TENANT) },
  ];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Warm-up calls first (plans cached, pages in memory), then `iterations` timed calls, one at a time. */
export async function measure(db: Kysely<DB>, scenario: Scenario, iterations: number, warmup = 10): Promise<Result> {
  // Warm-up uses iteration numbers past the timed ones, so random-run scenarios time unseen runs.
  for (let w = 0; w < warmup; w++) JSON.stringify(await scenario.handle(db, iterations + w));
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    const body = JSON.stringify(await scenario.handle(db, i));
    times.push(performance.now() - t0);
    bytes += body.length;
  }
  times.sort((a, b) => a - b);
  return { name: scenario.name, targeted: scenario.targeted, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)!, kb: bytes / iterations / 1024 };
}

export function formatTable(results: Result[]): string {
  const lines = [`${"scenario".padEnd(34)}${"p50 ms".padStart(9)}${"p95 ms".padStart(9)}${"max ms".padStart(9)}${"body KB".padStart(9)}  p95 ≤ ${TARGET_P95_MS} ms`];
  for (const r of results) {
    const verdict = !r.targeted ? "(no target)" : r.p95 <= TARGET_P95_MS ? "yes" : "NO";
    lines.push(`${r.name.padEnd(34)}${r.p50.toFixed(2).padStart(9)}${r.p95.toFixed(2).padStart(9)}${r.max.toFixed(2).padStart(9)}${r.kb.toFixed(1).padStart(9)}  ${verdict}`);
  }
  return lines.join("\n");
}
