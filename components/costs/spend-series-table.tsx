import Link from "next/link";
import type { SpendDimension, SpendSeries } from "@/lib/costs/types";
import { DataTable, NUM_CELL } from "@/components/ui/data-table";
import { formatCost } from "@/components/ui/format";
import { OTHER_KEY } from "@/lib/costs/spend-series";
import type { ChartSeries } from "@/components/costs/chart-data";
import { formatShare } from "@/components/costs/format";
import { seriesHref } from "@/components/costs/links";

interface Props {
  series: SpendSeries[];
  /** The same series as drawn, for their colours (same order). */
  drawn: ChartSeries[];
  by: SpendDimension;
  totalUsd: number;
  caption: string;
}

/** The chart's legend with numbers: each series' spend and share of the total, linking to its workload or version. */
export function SpendSeriesTable({ series, drawn, by, totalUsd, caption }: Props) {
  return (
    <DataTable
      columns={[by[0]!.toUpperCase() + by.slice(1), { label: "Spend", numeric: true }, { label: "Share", numeric: true }]}
      caption={caption}
      testId="spend-series"
      frame="mt-4 overflow-x-auto rounded border border-slate-200"
    >
      {series.map((s, i) => {
        const href = seriesHref(s, by);
        return (
          <tr key={s.key} data-testid="spend-series-row" data-key={s.key} className="border-t border-slate-100">
            <th scope="row" className="px-3 py-2 font-normal">
              <span className="flex items-center gap-2">
                <span aria-hidden className="inline-block h-3 w-3 shrink-0 rounded-sm" style={{ backgroundColor: drawn[i]?.color }} />
                {href ? (
                  <Link href={href} className="font-medium text-sky-800 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400">
                    {s.label}
                  </Link>
                ) : (
                  <span className={s.label.startsWith("(") || s.key === OTHER_KEY ? "text-slate-500" : "font-medium"}>{s.label}</span>
                )}
              </span>
            </th>
            <td className={NUM_CELL}>{formatCost(s.totalUsd)}</td>
            <td className={`${NUM_CELL} text-slate-600`}>{formatShare(s.totalUsd, totalUsd)}</td>
          </tr>
        );
      })}
    </DataTable>
  );
}
