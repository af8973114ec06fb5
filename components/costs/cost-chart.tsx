"use client";

import { useMemo, type ReactNode } from "react";
import { CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { SpendBucket } from "@/lib/costs/types";
import { formatCost, formatUsdCompact } from "@/components/ui/format";
import type { ChartData } from "@/components/costs/chart-data";
import { flattenRows, type FlatRow } from "@/components/costs/chart-rows";
import { formatBucketLabel } from "@/components/costs/format";

const AXIS_TICK = { fontSize: 11, fill: "#64748b" };

interface Props {
  data: ChartData;
  /** The chart's accessible name; the data table beside it has the numbers. */
  summary: string;
  height: number;
  /** The chart itself (recharts' BarChart, LineChart…) for the rows as recharts reads them. */
  children: (rows: FlatRow[]) => ReactNode;
}

/** The frame of a costs chart: an image named by its summary, as wide as its container. */
export function CostChart({ data, summary, height, children }: Props) {
  const rows = useMemo(() => flattenRows(data.rows), [data.rows]);
  return (
    <div role="img" aria-label={summary} style={{ height }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        {children(rows)}
      </ResponsiveContainer>
    </div>
  );
}

/** Grid, bucket and dollar axes, tooltip and legend: the same on every costs chart (recharts 3 finds them inside a component). */
export function CostAxes({ bucket, cursorFill }: { bucket: SpendBucket; cursorFill?: string }) {
  return (
    <>
      <CartesianGrid stroke="#e2e8f0" vertical={false} />
      <XAxis dataKey="start" tickFormatter={(iso: string) => formatBucketLabel(iso, bucket)} tick={AXIS_TICK} minTickGap={12} />
      <YAxis width={60} tickFormatter={(usd: number) => formatUsdCompact(usd)} tick={AXIS_TICK} />
      <Tooltip
        {...(cursorFill ? { cursor: { fill: cursorFill } } : {})}
        labelFormatter={(label) => (typeof label === "string" ? formatBucketLabel(label, bucket, true) : "")}
        formatter={(value) => (typeof value === "number" ? formatCost(value) : "—")}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
    </>
  );
}
