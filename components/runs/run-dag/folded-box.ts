"use client";
// What a folded box (a chain segment, a group) shares: its invisible handles, and opening on Enter or Space.
import type { CSSProperties, KeyboardEvent } from "react";
import { useDagViewStore } from "@/components/runs/run-dag/dag-store";

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
