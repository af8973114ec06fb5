// Colours of the version diff, in one place so the legend, graph, badges and table agree.
import type { EdgeLook } from "@/components/runs/run-dag/looks";
import type { Change, EdgeComparison } from "@/lib/workloads/types";

export type EdgeChange = EdgeComparison["change"];

/** Per node change, as Tailwind classes: the graph card, its left strip, and the badge. */
export const CHANGE_LOOK: Record<Change, { label: string; card: string; strip: string; badge: string; name: string }> = {
  added: {
    label: "added",
    card: "border-emerald-400 bg-emerald-50",
    strip: "bg-emerald-500",
    badge: "bg-emerald-50 text-emerald-800 ring-emerald-300",
    name: "text-slate-900",
  },
  removed: {
    label: "removed",
    card: "border-dashed border-red-300 bg-red-50/60 opacity-75",
    strip: "bg-red-400",
    badge: "bg-red-50 text-red-800 ring-red-200",
    name: "text-slate-600 line-through decoration-red-400",
  },
  changed: {
    label: "changed",
    card: "border-amber-400 bg-amber-50",
    strip: "bg-amber-500",
    badge: "bg-amber-50 text-amber-900 ring-amber-300",
    name: "text-slate-900",
  },
  unchanged: {
    label: "unchanged",
    card: "border-slate-300 bg-white",
    strip: "bg-slate-300",
    badge: "bg-slate-100 text-slate-600 ring-slate-200",
    name: "text-slate-900",
  },
};

export const EDGE_CHANGE_LOOK: Record<EdgeChange, EdgeLook> = {
  added: { stroke: "#059669", strokeWidth: 2.25 }, // emerald-600
  removed: { stroke: "#dc2626", strokeWidth: 1.5, strokeDasharray: "6 4" }, // red-600, dashed
  unchanged: { stroke: "#94a3b8", strokeWidth: 1.5 }, // slate-400
};

