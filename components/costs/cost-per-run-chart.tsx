"use client";

import { Line, LineChart } from "recharts";
import type { ChartData } from "@/components/costs/chart-data";
import { seriesDataKey } from "@/components/costs/chart-rows";
import { CostAxes, CostChart } from "@/components/costs/cost-chart";

/** Average cost of a finished run, one line per workload; lines join across buckets with no finished run. */
export function CostPerRunChart({ data, summary }: { data: ChartData; summary: string }) {
  return (
    <CostChart data={data} summary={summary} height={240}>
      {(rows) => (
        <LineChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 4 }}>
          <CostAxes bucket={data.bucket} />
          {data.series.map((series, i) => (
            <Line
              key={series.key}
              dataKey={seriesDataKey(i)}
              name={series.label}
              type="linear"
              stroke={series.color}
              strokeWidth={2}
              dot={rows.length < 40}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      )}
    </CostChart>
  );
}
