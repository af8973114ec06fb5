import type { ExportLedger } from "@/collector/testing/export-ledger";
import type { StoredSpans } from "@/collector/testing/stored-spans";

/** One fault scenario's outcome: what the exporters were told against what the database holds. */
export interface FaultFigures {
  sent: number;
  acked: number;
  givenUp: number;
  /** Spans of this scenario found in the database. */
  stored: number;
  /** Acknowledged but not stored: must be 0 everywhere. */
  lost: number;
  duplicates: number;
  runMismatches: number;
  /** Reported to the exporter as failed, yet stored. */
  givenUpButStored: number;
  /** Exports neither acknowledged nor given up when counted (a hung export). */
  pending: number;
}

export function faultFigures(ledger: ExportLedger, stored: StoredSpans): FaultFigures {
  const acked = ledger.acked();
  const givenUp = ledger.givenUp();
  const storedOfOurs = [...acked, ...givenUp].filter((key) => stored.keys.has(key)).length;
  return {
    sent: ledger.sentCount,
    acked: acked.length,
    givenUp: givenUp.length,
    stored: storedOfOurs,
    lost: acked.filter((key) => !stored.keys.has(key)).length,
    duplicates: stored.duplicates,
    runMismatches: stored.runMismatches,
    givenUpButStored: givenUp.filter((key) => stored.keys.has(key)).length,
    pending: ledger.pending(),
  };
}

const COLUMNS = ["scenario", "sent", "acked", "given up", "stored", "lost", "dup", "runs off", "failed+stored", "ack p50/p99 ms", "all stored"];

/**
 * Prints the scenario's row (with a header) to the test output, where the closing note of
 * issue 18 quotes it from; `allStored` says when every acknowledged span was in the database.
 */
export function printFigures(scenario: string, figures: FaultFigures, ledger: ExportLedger, allStored: string, notes: string[] = []): void {
  const cells = [
    scenario,
    figures.sent,
    figures.acked,
    figures.givenUp,
    figures.stored,
    figures.lost,
    figures.duplicates,
    figures.runMismatches,
    figures.givenUpButStored,
    `${ledger.ackPercentile(50).toFixed(0)}/${ledger.ackPercentile(99).toFixed(0)}`,
    allStored,
  ].map(String);
  const widths = COLUMNS.map((name, i) => Math.max(name.length, cells[i]!.length));
  const row = (values: string[]) => values.map((value, i) => (i === 0 ? value.padEnd(widths[i]!) : value.padStart(widths[i]!))).join("  ");
  const lines = [row(COLUMNS), row(cells)];
  if (figures.pending) lines.push(`  still pending: ${figures.pending}`);
  for (const reason of ledger.reasonsGivenUp().slice(0, 4)) lines.push(`  given up: ${reason}`);
  for (const note of notes) lines.push(`  ${note}`);
  console.log(`\n${lines.join("\n")}`);
}
