import { lineKey, type MetricChartData } from "@/components/metrics/chart-data";
import { formatMetricValue, formatStepTime } from "@/components/metrics/format";

interface Props {
  data: MetricChartData;
  unit: string | null;
  rate: boolean;
  caption: string;
}

/** The chart's figures as a table, visually hidden: what a screen reader reads instead of the lines. */
export function MetricDataTable({ data, unit, rate, caption }: Props) {
  const counts = new Map(data.counts?.map((c) => [c.time, c.count]));
  // Hidden by a wrapper: a table ignores overflow, so an sr-only table of 300 rows would still stretch the page.
  return (
    <div className="sr-only">
      <table data-testid="metric-data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Step (UTC)</th>
            {data.lines.map((line) => (
              <th key={line.key} scope="col">
                {line.label}
              </th>
            ))}
            {data.counts ? <th scope="col">Observations</th> : null}
          </tr>
        </thead>
        <tbody>
          {data.rows.map((row) => (
            <tr key={row.time}>
              <th scope="row">{formatStepTime(row.time, 0, true)}</th>
              {data.lines.map((line, i) => {
                const value = row[lineKey(i)] ?? null;
                return <td key={line.key}>{value === null ? "—" : formatMetricValue(value, unit, { rate })}</td>;
              })}
              {data.counts ? <td>{counts.get(row.time)?.toLocaleString("en-US") ?? "—"}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
