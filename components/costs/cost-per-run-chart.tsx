"use client";

import { useMemo } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCost, formatUsdCompact } from "@/components/ui/format";
import type { ChartData } from "@/components/costs/chart-data";
import { flattenRows, seriesDataKey } from "@/components/costs/chart-rows";
import { formatBucketLabel } from "@/components/costs/format";

const HEIGHT = 240;
const AXIS_TICK = { fontSize: 11, fill: "#64748b" };

/** Average cost of a finished run, one line per workload; lines join across buckets with no finished run. */
export function CostPerRunChart({ data, summary }: { data: ChartData; summary: string }) {
  const rows = useMemo(() => flattenRows(data.rows), [data.rows]);
  const bucket = data.bucket;
  return (
    <div role="img" aria-label={summary} style={{ height: HEIGHT }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="start" tickFormatter={(iso: string) => formatBucketLabel(iso, bucket)} tick={AXIS_TICK} minTickGap={12} />
          <YAxis width={60} tickFormatter={(usd: number) => formatUsdCompact(usd)} tick={AXIS_TICK} />
          <Tooltip
            labelFormatter={(label) => (typeof label === "string" ? formatBucketLabel(label, bucket, true) : "")}
            formatter={(value) => (typeof value === "number" ? formatCost(value) : "—")}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
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
      </ResponsiveContainer>
    </div>
  );
}
