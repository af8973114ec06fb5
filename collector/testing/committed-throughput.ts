import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { ExportLedger } from "@/collector/testing/export-ledger";
import type { SpanSource } from "@/collector/testing/span-source";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Burst {
  /** A source no other burst uses: its trace prefix tells this burst's stored spans apart. */
  source: SpanSource;
  /** Sends the burst from `source`; resolves when every export has been answered. */
  send(): Promise<void>;
}

/** Stored spans whose trace id starts with `prefix` (keyless exports land in tenant `default`); a range of the primary key. */
async function countByPrefix(db: Kysely<DB>, prefix: string): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from spans where tenant_id = 'default' and trace_id >= ${prefix} and trace_id < ${`${prefix}g`}`.execute(db);
  return result.rows[0]?.n ?? 0;
}

/**
 * Spans committed per second for each of `bursts`, all sent at once (to different collectors on
 * one database), over the time they all had work: from the start until the first burst is
 * wholly committed (as many spans stored as it had acknowledged, so a collector that acknowledges
 * before committing is timed to its commits). Sharing the database and the machine at the same
 * moment, a collector that lost writers or connections shows a smaller share, whatever else
 * the machine is doing. Resolves once every burst is committed, for the next measurement.
 */
export async function concurrentCommittedRates(db: Kysely<DB>, ledger: ExportLedger, bursts: Burst[], timeoutMs = 90_000): Promise<number[]> {
  const prefixes = bursts.map((burst) => burst.source.tracePrefix);
  const counts = () => Promise.all(prefixes.map((prefix) => countByPrefix(db, prefix)));
  const before = await counts();
  if (before.some((n) => n > 0)) throw new Error("each burst needs a span source of its own");
  // Each burst's acknowledged spans, once all its exports have answered.
  const targets: (number | null)[] = bursts.map(() => null);
  const started = performance.now();
  const sends = bursts.map((burst, i) =>
    burst.send().then(() => {
      targets[i] = ledger.acked().filter((key) => key.startsWith(burst.source.tracePrefix)).length;
    }),
  );
  let rates: number[] | null = null;
  for (;;) {
    const stored = await counts();
    const elapsed = (performance.now() - started) / 1000;
    rates ??= stored.some((n, i) => targets[i] !== null && n >= targets[i]!) ? stored.map((n) => n / elapsed) : null;
    if (rates && stored.every((n, i) => targets[i] !== null && n >= targets[i]!)) break;
    if (elapsed * 1000 > timeoutMs) throw new Error(`bursts not committed within ${timeoutMs} ms: ${stored.join(", ")} of ${targets.join(", ")} spans`);
    await sleep(100);
  }
  await Promise.all(sends);
  return rates;
}
