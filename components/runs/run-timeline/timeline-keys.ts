import type { TimelineRow } from "@/lib/runs/timeline/rows";
import { ZOOM_STEP } from "@/components/runs/run-timeline/use-timeline-view";

export type KeyAction =
  | { type: "move"; index: number }
  | { type: "toggle"; key: string }
  | { type: "select" }
  | { type: "zoom"; factor: number }
  | { type: "reset" };

/** What a key press on the tree does (WAI-ARIA tree pattern, plus +/-/0 for zoom). */
export function keyAction(
  key: string,
  rows: readonly TimelineRow[],
  activeIndex: number,
  collapsed: ReadonlySet<string>,
  pageSize: number,
): KeyAction | null {
  const row = activeIndex >= 0 ? rows[activeIndex] : undefined;
  const move = (index: number): KeyAction | null =>
    rows.length === 0 ? null : { type: "move", index: Math.min(rows.length - 1, Math.max(0, index)) };

  switch (key) {
    case "ArrowDown":
      return move(activeIndex < 0 ? 0 : activeIndex + 1);
    case "ArrowUp":
      return move(activeIndex < 0 ? 0 : activeIndex - 1);
    case "PageDown":
      return move(activeIndex + pageSize);
    case "PageUp":
      return move(activeIndex - pageSize);
    case "Home":
      return move(0);
    case "End":
      return move(rows.length - 1);
    case "Enter":
    case " ":
      return row ? { type: "select" } : null;
    case "ArrowRight":
      if (!row?.hasChildren) return null;
      return collapsed.has(row.key) ? { type: "toggle", key: row.key } : move(activeIndex + 1);
    case "ArrowLeft": {
      if (!row) return null;
      if (row.hasChildren && !collapsed.has(row.key)) return { type: "toggle", key: row.key };
      // Otherwise up to the parent: the nearest shallower row above.
      for (let i = activeIndex - 1; i >= 0; i--) if (rows[i]!.depth < row.depth) return move(i);
      return null;
    }
    case "+":
    case "=":
      return { type: "zoom", factor: ZOOM_STEP };
    case "-":
    case "_":
      return { type: "zoom", factor: 1 / ZOOM_STEP };
    case "0":
      return { type: "reset" };
    default:
      return null;
  }
}
