"use client";

import { Bar, BarChart } from "recharts";
import type { ChartData } from "@/components/costs/chart-data";
import { seriesDataKey } from "@/components/costs/chart-rows";
import { CostAxes, CostChart } from "@/components/costs/cost-chart";

/** Spend per bucket as stacked bars, one colour per series. The summary is the chart's accessible name. */
export function SpendChart({ data, summary }: { data: ChartData; summary: string }) {
  return (
    <CostChart data={data} summary={summary} height={280}>
      {(rows) => (
        // No accessibility layer: it makes the svg a focusable application inside this img; the data table covers it.
        <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 4 }}>
          <CostAxes bucket={data.bucket} cursorFill="#f1f5f9" />
          {data.series.map((series, i) => (
            <Bar key={series.key} dataKey={seriesDataKey(i)} name={series.label} stackId="spend" fill={series.color} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </CostChart>
  );
}
