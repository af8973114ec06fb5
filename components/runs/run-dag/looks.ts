// The colours and strokes the run graph uses, in one place so the legend matches what is drawn.
import type { CSSProperties } from "react";
import type { EdgeKind, NodeStatus } from "@/lib/runs/types";

export type EdgeLook = Required<Pick<CSSProperties, "stroke" | "strokeWidth">> &
  Pick<CSSProperties, "strokeDasharray" | "strokeLinecap">;

export const EDGE_LOOK: Record<EdgeKind, EdgeLook> = {
  ledger: { stroke: "#334155", strokeWidth: 1.75 }, // slate-700
  definition: { stroke: "#cbd5e1", strokeWidth: 1.5 }, // slate-300
  parent: { stroke: "#0ea5e9", strokeWidth: 2, strokeDasharray: "0.5 5", strokeLinecap: "round" }, // sky-500, dotted
  inferred: { stroke: "#f59e0b", strokeWidth: 1.5, strokeDasharray: "6 4" }, // amber-500, dashed
};

/** A definition edge this run did not take. */
export const NOT_TAKEN_LOOK: EdgeLook = { stroke: "#cbd5e1", strokeWidth: 1.5, strokeDasharray: "5 5" };

/** amber-600: darker than inferred edges, so a highlighted lineage stands out from them. */
export const HIGHLIGHT_LOOK: EdgeLook = { stroke: "#d97706", strokeWidth: 3 };

/**
 * Per node status, as Tailwind classes: the card, its fill when zoomed too far out to read text
 * (the view sets data-detail="low" on its `group/dag` root), and the status dot.
 */
export const STATUS_LOOK: Record<NodeStatus, { label: string; card: string; far: string; strip: string; dot: string; minimap: string }> = {
  completed: {
    label: "completed",
    card: "border-emerald-300 bg-white",
    far: "group-data-[detail=low]/dag:bg-emerald-100",
    strip: "bg-emerald-500",
    dot: "bg-emerald-500",
    minimap: "#10b981",
  },
  failed: {
    label: "failed",
    card: "border-red-300 bg-red-50",
    far: "group-data-[detail=low]/dag:bg-red-200",
    strip: "bg-red-500",
    dot: "bg-red-500",
    minimap: "#ef4444",
  },
  running: {
    label: "running",
    card: "border-sky-300 bg-white",
    far: "group-data-[detail=low]/dag:bg-sky-100",
    strip: "bg-sky-500",
    // Hundreds of pulsing dots cost seconds of paint on a zoomed-out graph: pulse only when readable.
    dot: "bg-sky-500 animate-pulse group-data-[detail=low]/dag:animate-none",
    minimap: "#0ea5e9",
  },
  not_run: {
    label: "did not run",
    card: "border-dashed border-slate-300 bg-slate-50 text-slate-500 opacity-60",
    far: "",
    strip: "",
    dot: "bg-slate-300",
    minimap: "#e2e8f0",
  },
};
