import { DataTable, NUM_CELL } from "@/components/ui/data-table";
import { formatMs, shortId } from "@/components/ui/format";
import type { NodeAnomaly } from "@/lib/anomalies/types";
import type { TrendBucket } from "@/lib/workloads/types";
import { formatBucket } from "@/components/workloads/version-history/trend-data";

const COLUMNS = ["When", "Node", "Version", "What", { label: "This bucket", numeric: true }, { label: "Baseline", numeric: true }, { label: "Activations", numeric: true }];

const METRIC_LABEL: Record<NodeAnomaly["metric"], string> = { duration: "p50 duration", tokens: "tokens / activation", error_rate: "failure rate" };

function figure(anomaly: NodeAnomaly, value: number): string {
  if (anomaly.metric === "duration") return formatMs(value);
  if (anomaly.metric === "error_rate") return `${(value * 100).toFixed(1)}%`;
  return Math.round(value).toLocaleString("en-US");
}

/**
 * The buckets in which a node of one version left its own baseline (the median of its 7–14
 * preceding buckets with 5+ activations), newest first; the duration chart shades the same buckets.
 */
export function AnomalyList({ anomalies, bucket }: { anomalies: NodeAnomaly[]; bucket: TrendBucket }) {
  return (
    <div className="mt-4" data-testid="anomaly-list">
      <h3 className="mb-1 text-xs font-medium text-slate-600">Node anomalies</h3>
      {anomalies.length === 0 ? (
        <p data-testid="anomalies-empty" className="text-xs text-slate-500">
          No node left its baseline in this window. A node is checked once it has 7 earlier {bucket}s with at least 5 activations each.
        </p>
      ) : (
        <DataTable columns={COLUMNS} caption="Buckets in which a node left its own baseline, newest first" nowrap>
          {anomalies.map((a) => (
            <tr key={`${a.start}/${a.logicId}/${a.node}/${a.metric}`} data-testid="anomaly-row" data-node={a.node} data-metric={a.metric} className="border-t border-slate-100">
              <td className="px-3 py-2 whitespace-nowrap">{formatBucket(Date.parse(a.start), bucket)}</td>
              <td className="px-3 py-2 font-medium">{a.node}</td>
              <td className="px-3 py-2">
                {a.version ?? "(no version)"} <span className="font-mono text-xs text-slate-500">{shortId(a.logicId, 8)}</span>
              </td>
              <td className={`px-3 py-2 ${a.direction === "higher" ? "text-red-700" : "text-sky-800"}`}>
                {METRIC_LABEL[a.metric]} {a.direction === "higher" ? "▲ higher" : "▼ lower"}
              </td>
              <td className={NUM_CELL}>{figure(a, a.value)}</td>
              <td className={NUM_CELL} title={`over ${a.baselineBuckets} earlier ${bucket}s`}>
                {figure(a, a.baseline)}
              </td>
              <td className={NUM_CELL}>{a.activations.toLocaleString("en-US")}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
