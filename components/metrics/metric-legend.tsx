import type { MetricLine } from "@/components/metrics/chart-data";

/** The lines' names and colours as text (not inside the svg), so they can be read, found and tested. */
export function MetricLegend({ lines }: { lines: MetricLine[] }) {
  return (
    <ul aria-label="Legend" data-testid="metric-legend" className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-700">
      {lines.map((line) => (
        <li key={line.key} data-testid="metric-legend-item" className="flex items-center gap-1.5">
          <span aria-hidden className="inline-block h-0.5 w-4" style={{ backgroundColor: line.color }} />
          <span className="font-mono">{line.label}</span>
          {line.seriesCount !== null && line.seriesCount > 1 ? <span className="text-slate-400">({line.seriesCount} series)</span> : null}
        </li>
      ))}
    </ul>
  );
}
