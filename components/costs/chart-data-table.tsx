import { formatCost } from "@/components/ui/format";
import { rowTotal, type ChartData } from "@/components/costs/chart-data";
import { formatBucketLabel } from "@/components/costs/format";

interface Props {
  data: ChartData;
  caption: string;
  testId: string;
  /** Add a total column (spend adds up; averages do not). */
  withTotal?: boolean;
}

/** A chart's numbers as a table, visually hidden: what a screen reader reads instead of the bars or lines. */
export function ChartDataTable({ data, caption, testId, withTotal = false }: Props) {
  return (
    <table data-testid={testId} className="sr-only">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{data.bucket === "week" ? "Week starting (UTC)" : "Day (UTC)"}</th>
          {data.series.map((s) => (
            <th key={s.key} scope="col">
              {s.label}
            </th>
          ))}
          {withTotal ? <th scope="col">Total</th> : null}
        </tr>
      </thead>
      <tbody>
        {data.rows.map((row) => (
          <tr key={row.start}>
            <th scope="row">{formatBucketLabel(row.start, data.bucket, true)}</th>
            {row.values.map((value, i) => (
              <td key={data.series[i]?.key ?? i}>{value === null ? "—" : formatCost(value)}</td>
            ))}
            {withTotal ? <td>{formatCost(rowTotal(row), { zero: "$0.00" })}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
