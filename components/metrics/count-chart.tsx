"use client";

import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatStepTime } from "@/components/metrics/format";
import { AXIS_TICK } from "@/components/metrics/metric-chart";

const count = new Intl.NumberFormat("en-US", { notation: "compact", maximumSignificantDigits: 3 });

/** Observations per step under a distribution's chart: how much each quantile stands on. */
export function CountChart({ counts, domain, summary }: { counts: { time: number; count: number | null }[]; domain: [number, number]; summary: string }) {
  const span = domain[1] - domain[0];
  return (
    <div role="img" aria-label={summary} data-testid="metric-count-chart" style={{ height: 90 }} className="w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={counts} accessibilityLayer={false} margin={{ top: 4, right: 16, bottom: 0, left: 4 }}>
          <XAxis dataKey="time" type="number" scale="time" domain={domain} tickFormatter={(ms: number) => formatStepTime(ms, span)} tick={AXIS_TICK} minTickGap={24} />
          <YAxis width={72} tickFormatter={(value: number) => count.format(value)} tick={AXIS_TICK} allowDecimals={false} />
          <Tooltip
            cursor={{ fill: "#f1f5f9" }}
            labelFormatter={(label) => (typeof label === "number" ? formatStepTime(label, span, true) : "")}
            formatter={(value) => (typeof value === "number" ? value.toLocaleString("en-US") : "—")}
          />
          <Bar dataKey="count" name="observations" fill="#94a3b8" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
