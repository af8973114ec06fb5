import type { CostPerRunTrend, SpendBucket, SpendDimension, SpendOverTime, SpendSeries } from "@/lib/costs/types";
import { bucketStarts, MAX_TREND_POINTS } from "@/lib/db/time-buckets";
import type { TimeWindow } from "@/lib/http/params";
import { nsToIso } from "@/lib/runs/run-view";

// The costs charts from grouped rows (lib/costs/queries/costs.ts reads them): series keys and
// labels, the largest series kept and the rest summed as "other", one point per bucket.

/** Series drawn one by one; the rest of the spend is summed as "other". */
export const MAX_SERIES = 7;
/** Workloads drawn on the cost-per-run chart. */
export const MAX_TREND_WORKLOADS = 6;
export const OTHER_KEY = "other";
const SEP = "\u001f";

/** Spend of one (bucket, dimension value), as the database groups it. */
export interface SpendGroupRow {
  bucket: string;
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
      return { key: `${vendor}${SEP}${model}`, label, workload: null, logicId: null };
    }
    case "version": {
      const label = row.b === null ? "(no version)" : `${row.a ?? "?"} ${row.version ? `${row.version} · ` : ""}${row.b.slice(0, 8)}`;
      return { key: `${row.a ?? ""}${SEP}${row.b ?? ""}`, label, workload: row.a, logicId: row.b };
    }
  }
}

/**
 * Spend per bucket and series from grouped rows: the largest MAX_SERIES series, the rest as
 * "other", and a point for every bucket from the window's start (else the first spend) to its end
 * (else now, or the last spend when that is later). `runCount` sums the rows' runs.
 */
export function buildSpendOverTime(
  rows: readonly SpendGroupRow[],
  by: SpendDimension,
  bucket: SpendBucket,
  window: TimeWindow,
  nowMs: number,
): Omit<SpendOverTime, "windowStart"> {
  let runCount = 0;
  const byKey = new Map<string, SpendSeries>();
  const keyOf: string[] = [];
  for (const row of rows) {
    runCount += Number(row.runs);
    const cost = Number(row.cost);
    const described = seriesOf(by, row);
    keyOf.push(described.key);
    const series = byKey.get(described.key);
    if (series) {
      series.totalUsd += cost;
      // A version string may change under one logic id: the label keeps the smallest, as SQL min() did.
      if (described.label < series.label) series.label = described.label;
    } else {
      byKey.set(described.key, { ...described, totalUsd: cost });
    }
  }
  const ranked = [...byKey.values()].filter((s) => s.totalUsd > 0).sort((a, b) => b.totalUsd - a.totalUsd || (a.key < b.key ? -1 : 1));
  const shown = new Set(ranked.slice(0, MAX_SERIES).map((s) => s.key));
  const series = ranked.slice(0, MAX_SERIES);
  const rest = ranked.slice(MAX_SERIES);
  if (rest.length > 0) {
    series.push({ key: OTHER_KEY, label: "Other", workload: null, logicId: null, totalUsd: rest.reduce((sum, s) => sum + s.totalUsd, 0) });
  }

  const byBucket = new Map<string, Record<string, number>>();
  let firstNs: bigint | null = null;
  let lastNs: bigint | null = null;
  for (const [i, row] of rows.entries()) {
    const cost = Number(row.cost);
    if (!(cost > 0)) continue;
    const ns = BigInt(row.bucket);
    if (firstNs === null || ns < firstNs) firstNs = ns;
    if (lastNs === null || ns > lastNs) lastNs = ns;
    const values = byBucket.get(String(row.bucket)) ?? {};
    const key = shown.has(keyOf[i]!) ? keyOf[i]! : OTHER_KEY;
    values[key] = (values[key] ?? 0) + cost;
    byBucket.set(String(row.bucket), values);
  }

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

/** Cost of finished runs per (bucket, workload), as the database groups it. */
export interface RunCostRow {
  bucket: string;
  workload: string;
  cost: string;
  runs: string;
}

/** Average cost per run per bucket for the MAX_TREND_WORKLOADS workloads that spent most. */
export function buildCostPerRun(rows: readonly RunCostRow[]): Pick<CostPerRunTrend, "workloads" | "points"> {
  const spent = new Map<string, number>();
  for (const row of rows) spent.set(row.workload, (spent.get(row.workload) ?? 0) + Number(row.cost));
  const top = new Set(
    [...spent.entries()]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, MAX_TREND_WORKLOADS)
      .map(([workload]) => workload),
  );
  const byBucket = new Map<string, Record<string, number>>();
  for (const row of rows) {
    if (!top.has(row.workload)) continue;
    const values = byBucket.get(String(row.bucket)) ?? {};
    values[row.workload] = Number(row.cost) / Number(row.runs);
    byBucket.set(String(row.bucket), values);
  }
  const points = [...byBucket.entries()]
    .sort(([a], [b]) => (BigInt(a) < BigInt(b) ? -1 : 1))
    .slice(-MAX_TREND_POINTS)
    .map(([start, values]) => ({ start: nsToIso(start), values }));
  return { workloads: [...top].sort(), points };
}
