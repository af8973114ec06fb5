import type { JsonObject, MetricKind } from "@/lib/db/types";

export type { MetricKind } from "@/lib/db/types";

/** How a chart shows a metric: counters as a rate, gauges and up-down sums as their value, histograms as a distribution. */
export type MetricMeasure = "rate" | "value" | "distribution";

/** One metric of one service, as the list shows it: its identity, its series and the attributes it can be grouped by. */
export interface MetricSummary {
  service: string | null;
  name: string;
  kind: MetricKind;
  unit: string | null;
  description: string | null;
  /** Sums and histograms: how points add up; null for gauges and summaries. */
  temporality: "delta" | "cumulative" | null;
  /** Sums only: whether the value only grows (a counter); null otherwise. */
  monotonic: boolean | null;
  measure: MetricMeasure;
  /** Distinct attribute sets (series) stored for it, up to a cap. */
  seriesCount: number;
  /** Data-point attribute keys seen on its series: what a chart can group by. */
  attributeKeys: string[];
}

export interface MetricPage {
  metrics: MetricSummary[];
  nextCursor: string | null;
}

export interface MetricServices {
  /** Services that sent metrics (service.name of the resource; null when none was set), by name. */
  services: { name: string | null; metrics: number }[];
}

/**
 * One step of one group. `value`: per-second rate (counters) or the value (gauges: mean of the
 * step's points; up-down sums: the sum over the group's series of each one's last value).
 * Distributions (histograms) fill the other fields instead and leave `value` null; quantiles are
 * estimated from the buckets, linearly within a bucket. A step with no data has nulls.
 */
export interface MetricPoint {
  time: string;
  value: number | null;
  /** Observations in the step (histograms and summaries). */
  count: number | null;
  /** Sum of the step's observations divided by their count. */
  mean: number | null;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  /** Smallest and largest observation, when the sender reported them (delta histograms). */
  min: number | null;
  max: number | null;
}

export interface MetricGroup {
  /** The group-by attribute's value (string form; null for series without it); {} when not grouped. */
  key: JsonObject;
  /** Short text for a legend, e.g. `route=/chat` or `all series`. */
  label: string;
  seriesCount: number;
  points: MetricPoint[];
}

/** A metric's series over a window, per step, grouped by one attribute (or all together). */
export interface MetricSeriesResult {
  metric: MetricSummary;
  from: string;
  to: string;
  stepSeconds: number;
  groupBy: string | null;
  groups: MetricGroup[];
  /** More groups than the page holds: pass it as `cursor` for the next. */
  nextCursor: string | null;
  /** The metric has more series than a query reads (the cap): the figures cover the first ones by key. */
  seriesTruncated: boolean;
}
