"use client";
// What a folded box (a chain segment, a group) shares: its invisible handles, opening on Enter or Space,
// and its look under a lineage highlight.
import type { CSSProperties, KeyboardEvent } from "react";
import { useDagNodeState, useDagViewStore } from "@/components/runs/run-dag/dag-store";

export const HIDDEN_HANDLE: CSSProperties = { opacity: 0, pointerEvents: "none", width: 1, height: 1, minWidth: 0, minHeight: 0, border: 0 };
/** Hidden when zoomed out far: the card shows its title only. */
export const FAR_HIDDEN = "group-data-[detail=low]/dag:hidden";

/** The box's key handler: Enter or Space opens it, as a click does. */
export function useExpandOnKey(id: string): (event: KeyboardEvent<HTMLDivElement>) => void {
  const store = useDagViewStore();
  return (event) => {
    if (event.key !== "Enter" && event.key !== " ") return;
    event.preventDefault();
    event.stopPropagation();
    store.onExpand(id);
  };
}

/** Under a lineage highlight: lit when a node folded inside is on the lineage (see lift-highlight.ts), else faded. */
export function useFoldedHighlight(id: string): { highlighted: boolean; className: string } {
  const { highlighted } = useDagNodeState(id);
  return { highlighted, className: highlighted ? "ring-2 ring-amber-400 ring-offset-1" : "group-data-[highlight-active=true]/dag:opacity-25" };
}
