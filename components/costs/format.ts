// Text for the costs page: compact axis dollars, bucket labels, totals and shares. Dates are read in
// UTC (the buckets are UTC) with fixed month names, so the server and the browser print the same.

import { windowPhrase, type WindowKey } from "@/components/workloads/window";
import type { SpendBucket } from "@/lib/costs/types";
import { formatCost, formatCount } from "@/components/ui/format";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** Drops a fraction's trailing zeros: `1.50` → `1.5`, `2.0` → `2`. */
const trimZeros = (text: string) => (text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text);

/** Short USD for chart axes: `$0`, `$0.005`, `$0.25`, `$1.5`, `$12`, `$1.2k`, `$3.4M`. */
export function formatUsdCompact(usd: number): string {
  if (!Number.isFinite(usd) || usd === 0) return "$0";
  if (usd < 0) return `-${formatUsdCompact(-usd)}`;
  // Thresholds sit where rounding would carry into the next unit (999.6 is `$1k`, not `$1000`).
  if (usd >= 999_500) return `$${trimZeros((usd / 1_000_000).toFixed(usd < 9_950_000 ? 1 : 0))}M`;
  if (usd >= 999.5) return `$${trimZeros((usd / 1000).toFixed(usd < 9950 ? 1 : 0))}k`;
  if (usd >= 9.95) return `$${Math.round(usd)}`;
  if (usd >= 1) return `$${trimZeros(usd.toFixed(1))}`;
  // Two significant digits, without toPrecision's exponent notation for tiny values.
  const digits = Math.min(20, 1 - Math.floor(Math.log10(usd)));
  return `$${trimZeros(usd.toFixed(digits))}`;
}

/** `Nov 21` for a day, `Wk of Nov 17` for a week; `withYear` adds `, 2025` where the axis has no room for it. */
export function formatBucketLabel(iso: string, bucket: SpendBucket, withYear = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}${withYear ? `, ${date.getUTCFullYear()}` : ""}`;
  return bucket === "week" ? `Wk of ${day}` : day;
}

/** A total, where nothing spent reads `$0.00` rather than formatCost's "no data" dash. */
export const formatTotal = (usd: number): string => (usd === 0 ? "$0.00" : formatCost(usd));

/** `12.5%` of the total; `<0.1%` for a sliver that would otherwise read as nothing. */
export function formatShare(part: number, total: number): string {
  if (total <= 0 || part <= 0) return "0%";
  const percent = (100 * part) / total;
  return percent < 0.1 ? "<0.1%" : `${percent.toFixed(1)}%`;
}

/** The header line: `$12.34 across 1,234 runs in the last 30 days`. */
export function totalSentence(totalUsd: number, runCount: number, window: WindowKey): string {
  const runs = `${formatCount(runCount)} run${runCount === 1 ? "" : "s"}`;
  const when = window === "all" ? "over all time" : `in ${windowPhrase(window)}`;
  return `${formatTotal(totalUsd)} across ${runs} ${when}`;
}
