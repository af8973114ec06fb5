"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MetricMeasure } from "@/lib/metrics/types";
import { lineKey, type MetricChartData } from "@/components/metrics/chart-data";
import { formatMetricValue, formatStepTime, formatTick } from "@/components/metrics/format";

export const AXIS_TICK = { fontSize: 11, fill: "#64748b" };

interface Props {
  data: MetricChartData;
  measure: MetricMeasure;
  unit: string | null;
  /** The window's bounds (epoch ms): the x axis spans all of it, data or not. */
  domain: [number, number];
  /** The chart's accessible name; the hidden data table beside it has the numbers. */
  summary: string;
}

/** Below this many figures a line gets dots: a sparse line shows where its figures are, and a lone one shows at all. */
const DOTS_BELOW = 40;

/**
 * One line per group (or per quantile) over the window's steps. Lines join across steps with no
 * data: an exporter that sends every 60 s leaves every other 30 s step empty.
 */
export function MetricChart({ data, measure, unit, domain, summary }: Props) {
  const span = domain[1] - domain[0];
  const rate = measure === "rate";
  return (
    <div role="img" aria-label={summary} data-testid="metric-chart" style={{ height: 300 }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        {/* No accessibility layer: it makes the svg a focusable application inside this img; the data table covers it. */}
        <LineChart data={data.rows} accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 0, left: 4 }}>
          <CartesianGrid stroke="#e2e8f0" vertical={false} />
          <XAxis dataKey="time" type="number" scale="time" domain={domain} tickFormatter={(ms: number) => formatStepTime(ms, span)} tick={AXIS_TICK} minTickGap={24} />
          <YAxis width={72} tickFormatter={(value: number) => formatTick(value, unit)} tick={AXIS_TICK} />
          <Tooltip
            labelFormatter={(label) => (typeof label === "number" ? formatStepTime(label, span, true) : "")}
            formatter={(value) => (typeof value === "number" ? formatMetricValue(value, unit, { rate }) : "—")}
          />
          {data.lines.map((line, i) => (
            <Line
              key={line.key}
              dataKey={lineKey(i)}
              name={line.label}
              type="linear"
              stroke={line.color}
              strokeWidth={2}
              dot={line.figures < DOTS_BELOW ? { r: 3, fill: line.color, strokeWidth: 0 } : false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
