import type { Selectable } from "kysely";
import type { MetricSeriesTable } from "@/lib/db/types";
import type { MetricKind, MetricMeasure, MetricSummary } from "@/lib/metrics/types";

/** AggregationTemporality 1 is delta; anything else (2, or 0 when unset) reads as cumulative. */
export const isDelta = (temporality: number | null) => temporality === 1;

/** How a metric charts: monotonic sums as a rate, histograms and summaries as a distribution, the rest as a value. */
export function measureOf(kind: MetricKind, monotonic: boolean | null): MetricMeasure {
  if (kind === "histogram" || kind === "exponential_histogram" || kind === "summary") return "distribution";
  return kind === "sum" && monotonic === true ? "rate" : "value";
}

/** What names a metric and says how it reads: the series columns every query of a metric selects. */
export type SeriesIdentity = Pick<Selectable<MetricSeriesTable>, "service_name" | "metric_name" | "kind" | "unit" | "description" | "temporality" | "monotonic">;

export function metricSummary(identity: SeriesIdentity, seriesCount: number, attributeKeys: string[]): MetricSummary {
  const hasTemporality = identity.kind === "sum" || identity.kind === "histogram" || identity.kind === "exponential_histogram";
  return {
    service: identity.service_name,
    name: identity.metric_name,
    kind: identity.kind,
    unit: identity.unit,
    description: identity.description,
    temporality: hasTemporality ? (isDelta(identity.temporality) ? "delta" : "cumulative") : null,
    monotonic: identity.kind === "sum" ? identity.monotonic === true : null,
    measure: measureOf(identity.kind, identity.monotonic),
    seriesCount,
    attributeKeys,
  };
}
