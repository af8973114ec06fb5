// Text for the costs page: bucket labels, the total sentence and shares. Dates are read in
// UTC (the buckets are UTC) with fixed month names, so the server and the browser print the same.

import { windowPhrase, type WindowKey } from "@/components/workloads/window";
import type { SpendBucket } from "@/lib/costs/types";
import { formatCost, formatCount } from "@/components/ui/format";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

/** `Nov 21` for a day, `Wk of Nov 17` for a week; `withYear` adds `, 2025` where the axis has no room for it. */
export function formatBucketLabel(iso: string, bucket: SpendBucket, withYear = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}${withYear ? `, ${date.getUTCFullYear()}` : ""}`;
  return bucket === "week" ? `Wk of ${day}` : day;
}

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
  return `${formatCost(totalUsd, { zero: "$0.00" })} across ${runs} ${when}`;
}
