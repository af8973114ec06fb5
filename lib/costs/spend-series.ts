import type { CostPerRunTrend, SpendBucket, SpendDimension, SpendOverTime, SpendSeries } from "@/lib/costs/types";
import { bucketStarts } from "@/lib/db/time-buckets";
import type { TimeWindow } from "@/lib/http/params";
import { nsToIso } from "@/lib/runs/run-view";

// The costs charts from rows the database ranked and grouped (lib/costs/queries/spend-rows.ts):
// series keys and labels, the largest series then "other", one point per bucket.

/** Series drawn one by one; the rest of the spend is summed as "other". */
export const MAX_SERIES = 7;
/** Workloads drawn on the cost-per-run chart. */
export const MAX_TREND_WORKLOADS = 6;
export const OTHER_KEY = "other";
/** The rank of the rows that sum every series past the first MAX_SERIES. */
export const OTHER_RANK = MAX_SERIES + 1;
/** Joins the two parts of a model or version key. */
export const KEY_SEPARATOR = "\u001f";

/** Spend of one (bucket, series), as the database ranks and groups it. */
export interface SpendGroupRow {
  bucket: string;
  /** The series' place by total spend, 1 for the largest; OTHER_RANK for the rest. */
  rank: number;
  /** workload / deployment / model vendor */
  a: string | null;
  /** logic id / model name */
  b: string | null;
  version: string | null;
  cost: string;
  runs: string;
}

/** A group's series key, label and links. */
function seriesOf(by: SpendDimension, row: SpendGroupRow): Omit<SpendSeries, "totalUsd"> {
  switch (by) {
    case "workload":
      return { key: row.a ?? "", label: row.a ?? "(no workload)", workload: row.a, logicId: null };
    case "deployment":
      return { key: row.a ?? "", label: row.a ?? "(no deployment)", workload: null, logicId: null };
    case "model": {
      const vendor = row.a ?? "";
      const model = row.b ?? "";
      const label = model === "" ? "(no model)" : vendor === "" ? model : `${model} (${vendor})`;
      return { key: `${vendor}${KEY_SEPARATOR}${model}`, label, workload: null, logicId: null };
    }
    case "version": {
      const label = row.b === null ? "(no version)" : `${row.a ?? "?"} ${row.version ? `${row.version} · ` : ""}${row.b.slice(0, 8)}`;
      return { key: `${row.a ?? ""}${KEY_SEPARATOR}${row.b ?? ""}`, label, workload: row.a, logicId: row.b };
    }
  }
}

const OTHER_SERIES: Omit<SpendSeries, "totalUsd"> = { key: OTHER_KEY, label: "Other", workload: null, logicId: null };

/**
 * Spend per bucket and series from ranked rows: the series in rank order, "other" last (when it
 * has spend), and a point for every bucket from the window's start (else the first spend) to its
 * end (else now, or the last spend when that is later). `runCount` sums the rows' runs.
 */
export function buildSpendOverTime(
  rows: readonly SpendGroupRow[],
  by: SpendDimension,
  bucket: SpendBucket,
  window: TimeWindow,
  nowMs: number,
): Omit<SpendOverTime, "windowStart"> {
  let runCount = 0;
  const byRank = new Map<number, SpendSeries>();
  const byBucket = new Map<string, Record<string, number>>();
  let firstNs: bigint | null = null;
  let lastNs: bigint | null = null;
  for (const row of rows) {
    runCount += Number(row.runs);
    const cost = Number(row.cost);
    const described = row.rank === OTHER_RANK ? OTHER_SERIES : seriesOf(by, row);
    const series = byRank.get(row.rank);
    if (series) {
      series.totalUsd += cost;
      // A version string may change under one logic id: the label keeps the smallest, as SQL min() did.
      if (described.label < series.label) series.label = described.label;
    } else {
      byRank.set(row.rank, { ...described, totalUsd: cost });
    }
    if (!(cost > 0)) continue;
    const ns = BigInt(row.bucket);
    if (firstNs === null || ns < firstNs) firstNs = ns;
    if (lastNs === null || ns > lastNs) lastNs = ns;
    const values = byBucket.get(String(row.bucket)) ?? {};
    values[described.key] = (values[described.key] ?? 0) + cost;
    byBucket.set(String(row.bucket), values);
  }
  // Ranked series have spend; "other" may hold only the runs of series without any.
  const series = [...byRank.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, s]) => s)
    .filter((s) => s.totalUsd > 0);

  const nowNs = BigInt(nowMs) * 1_000_000n;
  const from = window.fromNs ?? firstNs;
  const to = window.toNs !== undefined ? window.toNs - 1n : lastNs !== null && lastNs > nowNs ? lastNs : nowNs;
  const points =
    from === null
      ? []
      : bucketStarts(bucket, from, to < from ? from : to).map((start) => {
          const values = byBucket.get(start.toString()) ?? {};
          return { start: nsToIso(start.toString()), values, totalUsd: Object.values(values).reduce((sum, v) => sum + v, 0) };
        });
  return { by, bucket, series, points, totalUsd: series.reduce((sum, s) => sum + s.totalUsd, 0), runCount };
}

/** Cost of finished runs per (bucket, workload) of a top workload; a null bucket: none in the buckets drawn. */
export interface RunCostRow {
  bucket: string | null;
  workload: string;
  cost: string | null;
  runs: string | null;
}

/** Average cost per run per bucket for the workloads of the rows (the database picks and cuts them). */
export function buildCostPerRun(rows: readonly RunCostRow[]): Pick<CostPerRunTrend, "workloads" | "points"> {
  const workloads = new Set<string>();
  const byBucket = new Map<string, Record<string, number>>();
  for (const row of rows) {
    workloads.add(row.workload);
    if (row.bucket === null) continue;
    const values = byBucket.get(String(row.bucket)) ?? {};
    values[row.workload] = Number(row.cost) / Number(row.runs);
    byBucket.set(String(row.bucket), values);
  }
  const points = [...byBucket.entries()]
    .sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1))
    .map(([start, values]) => ({ start: nsToIso(start), values }));
  return { workloads: [...workloads].sort(), points };
}
