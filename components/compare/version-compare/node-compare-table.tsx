import type { ReactNode } from "react";
import { DeltaCell } from "@/components/compare/delta";
import type { NodeComparison, NodeMetrics } from "@/lib/workloads/types";
import { ChangeBadge } from "@/components/compare/version-compare/change-badge";
import { deltaFigures } from "@/components/compare/version-compare/format";

const COLUMNS = deltaFigures<NodeMetrics>(
  { label: "Activations", read: (m) => m.activations, format: (v) => v.toLocaleString("en-US") },
  { tokens: "Tokens / activation", cost: "Cost / activation" },
);

const TH = "px-3 py-2 font-medium";
const TD = "px-3 py-2 align-top";

/**
 * Every node of both versions with its per-activation figures, a → b. Rows keep the API's order
 * (changed, added, removed, unchanged); `selected` is the row the graph points at.
 */
export function NodeCompareTable({ nodes, selected, caption }: { nodes: NodeComparison[]; selected: string | null; caption?: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table data-testid="node-compare-table" className="w-full text-left text-sm">
        <caption className="px-3 py-2 text-left text-sm text-slate-600">
          {caption ?? "Per node, version a → version b. Figures are per activation; “—” where a node is absent from a version or has no data."}
        </caption>
        <thead className="bg-slate-100 text-xs tracking-wide text-slate-500 uppercase">
          <tr>
            <th scope="col" className={TH}>Node</th>
            <th scope="col" className={TH}>Change</th>
            {COLUMNS.map((c) => (
              <th key={c.label} scope="col" className={TH}>{c.label}</th>
            ))}
            <th scope="col" className={`${TH} text-right`} title="Distinct runs the node fired in, a / b">Runs a / b</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => {
            const isSelected = n.name === selected;
            return (
              <tr
                key={n.name}
                data-testid="node-compare-row"
                data-name={n.name}
                data-change={n.change}
                data-selected={String(isSelected)}
                aria-current={isSelected ? "true" : undefined}
                tabIndex={-1}
                className={`scroll-mt-24 border-t border-slate-100 outline-none focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:ring-inset ${isSelected ? "bg-sky-50" : ""}`}
              >
                <th scope="row" className={`${TD} font-medium whitespace-nowrap ${isSelected ? "border-l-4 border-sky-600" : ""}`}>
                  {n.name}
                  {n.role ? <div className="text-xs font-normal text-slate-500">{n.role}</div> : null}
                </th>
                <td className={TD}>
                  <ChangeBadge change={n.change} fields={n.changedFields} />
                </td>
                {COLUMNS.map((c) => (
                  <td key={c.label} className={TD}>
                    <DeltaCell a={n.a ? c.read(n.a) : null} b={n.b ? c.read(n.b) : null} format={c.format} neutral={c.neutral} />
                  </td>
                ))}
                <td className={`${TD} text-right whitespace-nowrap tabular-nums text-slate-600`}>
                  {n.a ? n.a.runCount.toLocaleString("en-US") : "—"} / {n.b ? n.b.runCount.toLocaleString("en-US") : "—"}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
