import type { Change, RunNodeComparison, RunNodeSide } from "@/lib/workloads/types";

/** A side that fired in its run; a node absent from the run or `not_run` in it has no figures. */
export const firedSide = (side: RunNodeSide | null): RunNodeSide | null => (side && side.status !== "not_run" ? side : null);

export const sideStatus = (side: RunNodeSide | null): RunNodeSide["status"] => firedSide(side)?.status ?? "not_run";

export const statusDiffers = (node: RunNodeComparison): boolean => sideStatus(node.a) !== sideStatus(node.b);

/** Read from b's point of view: `added` means it ran only in b. */
export const CHANGE_LABEL: Record<Change, string> = {
  added: "only in b",
  removed: "only in a",
  changed: "code changed",
  unchanged: "in both",
};
