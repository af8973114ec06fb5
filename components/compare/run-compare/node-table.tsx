import { DeltaCell } from "@/components/compare/delta";
import { StatusBadge } from "@/components/ui/status-badge";
import { formatCost, formatMs, formatTokens } from "@/components/ui/format";
import type { Change, RunNodeComparison, RunNodeSide } from "@/lib/workloads/types";
import { CHANGE_LABEL, firedSide, sideStatus, statusDiffers } from "@/components/compare/run-compare/node-sides";

const CHANGE_STYLE: Record<Change, string> = {
  added: "text-emerald-700",
  removed: "text-red-700",
  changed: "text-amber-700 font-medium",
  unchanged: "text-slate-500",
};

const count = (value: number) => value.toLocaleString("en-US");
const tokens = (side: RunNodeSide) => side.inputTokens + side.outputTokens;

function Figure({
  node,
  pick,
  format,
  neutral,
}: {
  node: RunNodeComparison;
  pick: (side: RunNodeSide) => number;
  format: (value: number) => string;
  neutral?: boolean;
}) {
  const a = firedSide(node.a);
  const b = firedSide(node.b);
  return <DeltaCell a={a ? pick(a) : null} b={b ? pick(b) : null} format={format} neutral={neutral} />;
}

function Status({ side }: { side: RunNodeSide | null }) {
  const fired = firedSide(side);
  return (
    <span title={fired?.errorMessage ?? undefined}>
      <StatusBadge status={sideStatus(side)} />
    </span>
  );
}

function Summary({ nodes }: { nodes: RunNodeComparison[] }) {
  const tally = (change: Change) => nodes.filter((node) => node.change === change).length;
  const parts = [
    [tally("added"), CHANGE_LABEL.added],
    [tally("removed"), CHANGE_LABEL.removed],
    [tally("changed"), CHANGE_LABEL.changed],
    // Nodes that ran in both: a node only in one run differs in status by definition.
    [nodes.filter((node) => firedSide(node.a) && firedSide(node.b) && statusDiffers(node)).length, "changed status"],
  ] as const;
  const text = parts.filter(([n]) => n > 0).map(([n, label]) => `${n} ${label}`);
  return (
    <p data-testid="run-compare-summary" className="mb-2 text-sm text-slate-600">
      {nodes.length} node{nodes.length === 1 ? "" : "s"}
      {text.length > 0 ? `: ${text.join(" · ")}` : ": the same nodes ran with the same status"}
    </p>
  );
}

const TH = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500";

/** Every node that ran in either run, a → b; choosing one opens its inputs and outputs below. */
export function NodeTable({ nodes, selected, onSelect }: { nodes: RunNodeComparison[]; selected: string | null; onSelect: (name: string) => void }) {
  return (
    <section aria-labelledby="run-compare-nodes-title">
      <h2 id="run-compare-nodes-title" className="mb-1 text-base font-semibold">
        Nodes
      </h2>
      <Summary nodes={nodes} />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table data-testid="run-compare-nodes" className="w-full text-sm">
          <thead className="border-b border-slate-200 bg-slate-50">
            <tr>
              <th scope="col" className={TH}>Node</th>
              <th scope="col" className={TH}>Change</th>
              <th scope="col" className={TH}>Status a</th>
              <th scope="col" className={TH}>Status b</th>
              <th scope="col" className={TH}>Activations</th>
              <th scope="col" className={TH}>Duration</th>
              <th scope="col" className={TH}>Tokens</th>
              <th scope="col" className={TH}>Cost</th>
            </tr>
          </thead>
          <tbody>
            {nodes.length === 0 ? (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-500">No node ran in either run.</td>
              </tr>
            ) : null}
            {nodes.map((node) => {
              const differs = statusDiffers(node);
              const isSelected = node.name === selected;
              return (
                <tr
                  key={node.name}
                  data-testid="run-compare-row"
                  data-name={node.name}
                  data-change={node.change}
                  data-status-differs={differs ? "true" : undefined}
                  data-selected={isSelected ? "true" : undefined}
                  className={`border-t border-slate-100 ${isSelected ? "bg-sky-50" : differs ? "bg-amber-50" : ""}`}
                >
                  <th scope="row" className={`border-l-4 px-3 py-1.5 text-left font-normal ${differs ? "border-amber-400" : "border-transparent"}`}>
                    <button
                      type="button"
                      data-testid="run-compare-node-button"
                      aria-expanded={isSelected}
                      aria-controls={isSelected ? "run-compare-io" : undefined}
                      onClick={() => onSelect(node.name)}
                      className="max-w-[22rem] truncate rounded px-1 text-left font-medium text-sky-800 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400"
                      title={`Compare the inputs and outputs of ${node.name}`}
                    >
                      {node.name}
                    </button>
                    {differs ? <span className="sr-only"> (status differs)</span> : null}
                  </th>
                  <td className={`px-3 py-1.5 whitespace-nowrap ${CHANGE_STYLE[node.change]}`}>{CHANGE_LABEL[node.change]}</td>
                  <td className="px-3 py-1.5"><Status side={node.a} /></td>
                  <td className="px-3 py-1.5"><Status side={node.b} /></td>
                  <td className="px-3 py-1.5"><Figure node={node} pick={(s) => s.activations} format={count} neutral /></td>
                  <td className="px-3 py-1.5"><Figure node={node} pick={(s) => s.durationMs} format={formatMs} /></td>
                  <td className="px-3 py-1.5"><Figure node={node} pick={tokens} format={formatTokens} /></td>
                  <td className="px-3 py-1.5"><Figure node={node} pick={(s) => s.costUsd} format={formatCost} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
