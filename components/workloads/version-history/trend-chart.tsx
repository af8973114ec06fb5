"use client";

import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCost, formatMs, formatUsdCompact } from "@/components/ui/format";
import type { TrendBucket } from "@/lib/workloads/types";
import { axisTicks, formatBucket, type ChartData, type ChartPoint } from "@/components/workloads/version-history/trend-data";

const HEIGHT = 150;
const BOUNDARY = "#d97706"; // amber-600: the reuse flag's colour family, "something changed here"
const ANOMALY = "#dc2626"; // red-600, faint: a node left its baseline in this bucket

interface Series {
  key: "p95Ms" | "avgCostUsd";
  title: string;
  color: string;
  format: (value: number) => string;
  tick: (value: number) => string;
}

const SERIES: Series[] = [
  { key: "p95Ms", title: "p95 run duration", color: "#0284c7", format: formatMs, tick: formatMs },
  { key: "avgCostUsd", title: "Cost per run", color: "#059669", format: formatCost, tick: (usd: number) => formatUsdCompact(usd, { abbreviate: false }) },
];

/**
 * Two small charts stacked on one time axis (two y scales on one chart read badly), with a
 * vertical line where each version was first seen. Tooltips are synced between the two.
 */
export function TrendChart({ data, bucket }: { data: ChartData; bucket: TrendBucket }) {
  return (
    <div className="flex flex-col gap-3">
      {SERIES.map((series, index) => (
        <SeriesChart key={series.key} series={series} data={data} bucket={bucket} showTimeAxis={index === SERIES.length - 1} labelBoundaries={index === 0} shadeAnomalies={index === 0} />
      ))}
    </div>
  );
}

interface SeriesProps {
  series: Series;
  data: ChartData;
  bucket: TrendBucket;
  showTimeAxis: boolean;
  labelBoundaries: boolean;
  shadeAnomalies: boolean;
}

function SeriesChart({ series, data, bucket, showTimeAxis, labelBoundaries, shadeAnomalies }: SeriesProps) {
  const timeLabel = (ms: number) => formatBucket(ms, bucket);
  const ticks = axisTicks(data.points);
  return (
    <div>
      <h3 className="mb-1 text-xs font-medium text-slate-600">{series.title}</h3>
      <div style={{ height: HEIGHT + (showTimeAxis ? 20 : 0) }} className="w-full">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data.points} syncId="workload-trend" margin={{ top: 14, right: 16, bottom: 0, left: 4 }}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={data.domain}
              ticks={ticks}
              interval={0}
              hide={!showTimeAxis}
              tickFormatter={timeLabel}
              tick={{ fontSize: 11, fill: "#64748b" }}
            />
            <YAxis width={64} tickFormatter={series.tick} tick={{ fontSize: 11, fill: "#64748b" }} />
            <Tooltip
              labelFormatter={(_, payload) => {
                const point = payload[0]?.payload as ChartPoint | undefined;
                return point ? `${timeLabel(Date.parse(point.start))} · ${point.runCount} run${point.runCount === 1 ? "" : "s"}` : "";
              }}
              formatter={(value) => [typeof value === "number" ? series.format(value) : "—", series.title]}
            />
            {shadeAnomalies
              ? data.anomalies.map((a) => <ReferenceArea key={a.x1} x1={a.x1} x2={a.x2} fill={ANOMALY} fillOpacity={0.12} stroke="none" ifOverflow="hidden" />)
              : null}
            {data.boundaries.map((b) => (
              <ReferenceLine
                key={b.logicId}
                x={b.t}
                stroke={BOUNDARY}
                strokeDasharray="4 3"
                label={labelBoundaries ? { value: b.label, position: "insideTopLeft", fontSize: 10, fill: BOUNDARY } : undefined}
              />
            ))}
            <Line
              dataKey={series.key}
              type="monotone"
              stroke={series.color}
              strokeWidth={2}
              dot={data.points.length < 40}
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
