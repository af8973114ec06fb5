import type { TrendBucket } from "@/lib/workloads/types";
import { costOrDash, msOrDash } from "@/components/workloads/figures";
import { formatBucket, type ChartData } from "@/components/workloads/version-history/trend-data";

/** The chart's numbers as a table: for screen readers, keyboards and copying. Collapsed by default. */
export function TrendTable({ data, bucket }: { data: ChartData; bucket: TrendBucket }) {
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer rounded text-xs text-slate-600 outline-none hover:text-slate-900 focus-visible:ring-2 focus-visible:ring-sky-400">
        Show the data ({data.points.length} points, {data.boundaries.length} version change{data.boundaries.length === 1 ? "" : "s"})
      </summary>
      <div className="mt-2 max-h-72 overflow-auto rounded border border-slate-200">
        <table data-testid="trend-table" className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-slate-100 uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">From (UTC)</th>
              <th scope="col" className="px-2 py-1 text-right font-medium">Runs</th>
              <th scope="col" className="px-2 py-1 text-right font-medium">p95</th>
              <th scope="col" className="px-2 py-1 text-right font-medium">Cost / run</th>
            </tr>
          </thead>
          <tbody>
            {data.points.map((p) => (
              <tr key={p.start} className="border-t border-slate-100">
                <td className="px-2 py-1 whitespace-nowrap">{formatBucket(Date.parse(p.start), bucket)}</td>
                <td className="px-2 py-1 text-right tabular-nums">{p.runCount}</td>
                <td className="px-2 py-1 text-right tabular-nums">{msOrDash(p.p95Ms)}</td>
                <td className="px-2 py-1 text-right tabular-nums">{costOrDash(p.avgCostUsd)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {data.boundaries.length > 0 ? (
        <p className="mt-2 text-xs text-slate-600">
          Version changes: {data.boundaries.map((b) => `${b.label} (${new Date(b.t).toISOString().slice(0, 16).replace("T", " ")} UTC)`).join(", ")}
        </p>
      ) : null}
    </details>
  );
}
