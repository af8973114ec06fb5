import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import { spanKey, type SpanKey } from "@/collector/testing/span-source";

/** What the database holds after a fault test, checked against what the exporters were told. */
export interface StoredSpans {
  keys: Set<SpanKey>;
  /** Rows beyond one per (trace id, span id), whatever their tenant. */
  duplicates: number;
  /** Runs whose span_count is not the number of their stored spans, plus stored spans' runs with no row. */
  runMismatches: number;
}

async function readKeys(db: Kysely<DB>): Promise<{ keys: Set<SpanKey>; rows: number }> {
  const result = await sql<{ trace_id: string; span_id: string }>`select trace_id, span_id from spans`.execute(db);
  return { keys: new Set(result.rows.map((row) => spanKey(row.trace_id, row.span_id))), rows: result.rows.length };
}

export async function readStoredSpans(db: Kysely<DB>): Promise<StoredSpans> {
  const { keys, rows } = await readKeys(db);
  // Re-delivered spans must change nothing, the run figures included (they are recomputed, not added to).
  const runs = await sql<{ wrong: number; orphans: number }>`
    select
      (select count(*)::int from runs r
        where r.span_count <> (select count(*) from spans s where s.tenant_id = r.tenant_id and s.run_id = r.run_id)) as wrong,
      (select count(*)::int from (select distinct tenant_id, run_id from spans) s
        where not exists (select 1 from runs r where r.tenant_id = s.tenant_id and r.run_id = s.run_id)) as orphans`.execute(db);
  const { wrong = 0, orphans = 0 } = runs.rows[0] ?? {};
  return { keys, duplicates: rows - keys.size, runMismatches: wrong + orphans };
}

export async function countStoredSpans(db: Kysely<DB>): Promise<number> {
  const result = await sql<{ n: number }>`select count(*)::int as n from spans`.execute(db);
  return result.rows[0]?.n ?? 0;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Polls until every key in `expected` is stored or `deadline` (a performance.now() time) passes;
 * returns when that happened (performance.now()), or null if it did not.
 */
export async function waitUntilStored(db: Kysely<DB>, expected: readonly SpanKey[], deadline: number, pollMs = 250): Promise<number | null> {
  for (;;) {
    const now = performance.now();
    // The cheap count first; the full comparison only once it could succeed.
    if ((await countStoredSpans(db)) >= expected.length) {
      const { keys } = await readKeys(db);
      if (expected.every((key) => keys.has(key))) return now;
    }
    if (performance.now() > deadline) return null;
    await sleep(pollMs);
  }
}
