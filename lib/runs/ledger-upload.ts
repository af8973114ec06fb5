import { z } from "zod";

/**
 * One entry of a ledger exported as JSON, as the Codon Python SDK's `ExecutionReport.ledger`
 * holds them. Timestamps may be ISO 8601 text or epoch numbers (seconds, ms, µs or ns).
 */
export const ledgerEntrySchema = z.object({
  event_type: z.string().trim().min(1).max(200),
  timestamp: z.union([z.string().trim().min(1), z.number().finite().nonnegative()]),
  token_id: z.string().max(500).nullish(),
  parent_id: z.string().max(500).nullish(),
  source_node: z.string().max(500).nullish(),
  target_node: z.string().max(500).nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
  lineage: z.array(z.string().max(500)).max(10_000).nullish(),
});
export const ledgerSchema = z.array(ledgerEntrySchema).max(100_000);
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

function fromEpochDigits(digits: bigint): bigint {
  // Magnitude tells the unit: seconds < 1e11 <= ms < 1e14 <= µs < 1e17 <= ns.
  if (digits < 100_000_000_000n) return digits * 1_000_000_000n;
  if (digits < 100_000_000_000_000n) return digits * 1_000_000n;
  if (digits < 100_000_000_000_000_000n) return digits * 1_000n;
  return digits;
}

/** Nanoseconds since the epoch, exactly for ISO text and digit strings; null when unreadable. */
export function parseLedgerTimestamp(value: string | number): bigint | null {
  if (typeof value === "number") {
    if (Number.isInteger(value)) return fromEpochDigits(BigInt(value));
    // Fractional epoch seconds (Python's time.time()): microsecond precision is what a double holds.
    return value < 1e11 ? BigInt(Math.round(value * 1e6)) * 1000n : null;
  }
  if (/^\d+$/.test(value)) return fromEpochDigits(BigInt(value));
  const match = ISO.exec(value);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction = "", zone = "Z"] = match;
  const offset = zone.toUpperCase() === "Z" ? "Z" : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`);
  if (Number.isNaN(ms)) return null;
  return BigInt(ms) * 1_000_000n + BigInt(fraction.padEnd(9, "0"));
}
