import type { MetricSummary } from "@/lib/metrics/types";
import { kindLabel, unitText } from "@/components/metrics/format";

/** The charted metric: its name, what kind of figure it is, its unit and what its sender says of it. */
export function MetricHeading({ metric }: { metric: Pick<MetricSummary, "name" | "kind" | "monotonic" | "unit" | "description" | "temporality" | "service"> }) {
  const unit = unitText(metric.unit);
  return (
    <div className="min-w-0">
      <h2 id="metric-heading" data-testid="metric-heading" className="break-all font-mono text-base font-semibold text-slate-900">
        {metric.name}
      </h2>
      <p className="text-xs text-slate-500">
        {kindLabel(metric)}
        {unit ? ` · unit ${unit}` : ""}
        {metric.temporality ? ` · ${metric.temporality}` : ""}
        {metric.service ? ` · ${metric.service}` : ""}
      </p>
      {metric.description ? <p className="mt-1 text-sm text-slate-600">{metric.description}</p> : null}
    </div>
  );
}
