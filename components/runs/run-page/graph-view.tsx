"use client";

export type GraphView = "aggregated" | "as-it-ran";

const VIEWS: readonly { id: GraphView; label: string; title: string }[] = [
  { id: "aggregated", label: "Aggregated", title: "A node per node name; loops show as ×N" },
  { id: "as-it-ran", label: "As it ran", title: "A node per activation, an edge per token: loops unrolled in order" },
];

/** The `?view=` of a run page; Aggregated when absent or unknown. */
export const graphViewOf = (param: string | null): GraphView => (param === "as-it-ran" ? "as-it-ran" : "aggregated");

/** Two toggle buttons: Tab reaches them, Enter or Space switches (the choice goes to the URL). */
export function GraphViewSwitch({ view, onView }: { view: GraphView; onView: (view: GraphView) => void }) {
  return (
    <div role="group" aria-label="Graph view" data-testid="graph-view" className="inline-flex rounded-md border border-slate-300 p-0.5 text-sm">
      {VIEWS.map(({ id, label, title }) => (
        <button
          key={id}
          type="button"
          data-testid={`graph-view-${id}`}
          aria-pressed={view === id}
          title={title}
          onClick={() => onView(id)}
          className={`rounded px-2.5 py-0.5 outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${view === id ? "bg-slate-800 font-medium text-white" : "text-slate-700 hover:bg-slate-100"}`}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
