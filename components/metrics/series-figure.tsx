"use client";

import { useMemo } from "react";
import type { MetricGroup, MetricSummary } from "@/lib/metrics/types";
import { toMetricChart } from "@/components/metrics/chart-data";
import { CountChart } from "@/components/metrics/count-chart";
import { axisCaption, formatStep } from "@/components/metrics/format";
import { MetricChart } from "@/components/metrics/metric-chart";
import { MetricDataTable } from "@/components/metrics/metric-data-table";
import { MetricLegend } from "@/components/metrics/metric-legend";
import type { Quantile } from "@/components/metrics/view";

interface Props {
  metric: MetricSummary;
  groups: MetricGroup[];
  /** The attribute the lines are grouped by; null: all series together. */
  groupBy: string | null;
  quantile: Quantile;
  domain: [number, number];
  stepSeconds: number;
  windowText: string;
}

/** The chart, its legend, the observations per step of a distribution and the hidden table of figures. */
export function SeriesFigure({ metric, groups, groupBy, quantile, domain, stepSeconds, windowText }: Props) {
  const grouped = groupBy !== null;
  const data = useMemo(() => toMetricChart(groups, metric.measure, grouped, quantile), [groups, metric.measure, grouped, quantile]);
  const caption = axisCaption(metric.measure, metric.unit);
  const what = metric.measure === "distribution" ? (grouped ? `${quantile} of ${metric.name}` : `p50, p95 and p99 of ${metric.name}`) : metric.name;
  const lines = grouped ? `one line per ${groupBy}` : metric.measure === "distribution" ? "one line per quantile" : "all series together";
  const summary = `${what} in ${caption} over ${windowText}, ${lines}: ${data.lines.map((l) => l.label).join(", ")}.`;

  if (!data.hasPoints) {
    return (
      <p data-testid="metric-no-points" className="rounded-lg border border-dashed border-slate-300 px-4 py-10 text-center text-sm text-slate-500">
        No points of <span className="font-mono">{metric.name}</span> in {windowText}. Choose a longer window, or check that its sender still exports it.
      </p>
    );
  }
  return (
    <figure data-testid="metric-figure" data-measure={metric.measure} data-lines={data.lines.length}>
      <figcaption className="mb-1 flex flex-wrap justify-between gap-2 text-xs text-slate-500">
        <span data-testid="metric-axis-caption">{caption}</span>
        <span>one point per {formatStep(stepSeconds)}</span>
      </figcaption>
      <MetricChart data={data} measure={metric.measure} unit={metric.unit} domain={domain} summary={summary} />
      <MetricLegend lines={data.lines} />
      {data.counts ? (
        <div className="mt-3">
          <h3 className="text-xs font-medium text-slate-600">Observations per step</h3>
          <CountChart counts={data.counts} domain={domain} summary={`Observations of ${metric.name} per ${formatStep(stepSeconds)} over ${windowText}`} />
        </div>
      ) : null}
      <MetricDataTable data={data} unit={metric.unit} rate={metric.measure === "rate"} caption={summary} />
    </figure>
  );
}
