"use client";

import { useMemo } from "react";
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCost, formatUsdCompact } from "@/components/ui/format";
import type { ChartData } from "@/components/costs/chart-data";
import { flattenRows, seriesDataKey } from "@/components/costs/chart-rows";
import { formatBucketLabel } from "@/components/costs/format";

const HEIGHT = 280;
const AXIS_TICK = { fontSize: 11, fill: "#64748b" };

/** Spend per bucket as stacked bars, one colour per series. The summary is the chart's accessible name. */
export function SpendChart({ data, summary }: { data: ChartData; summary: string }) {
  const rows = useMemo(() => flattenRows(data.rows), [data.rows]);
  const bucket = data.bucket;
  return (
    <div role="img" aria-label={summary} style={{ height: HEIGHT }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        {/* No accessibility layer: it makes the svg a focusable application inside this img; the data table covers it. */}
        <BarChart data={rows} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="start" tickFormatter={(iso: string) => formatBucketLabel(iso, bucket)} tick={AXIS_TICK} minTickGap={12} />
          <YAxis width={60} tickFormatter={(usd: number) => formatUsdCompact(usd)} tick={AXIS_TICK} />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            labelFormatter={(label) => (typeof label === "string" ? formatBucketLabel(label, bucket, true) : "")}
            formatter={(value) => (typeof value === "number" ? formatCost(value) : "—")}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {data.series.map((series, i) => (
            <Bar key={series.key} dataKey={seriesDataKey(i)} name={series.label} stackId="spend" fill={series.color} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
