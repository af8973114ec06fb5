import type { RunPage } from "@/lib/runs/types";

export const POLL_MS = 2000;
/** The runs list is newest first: its first row is the latest run. */
export const LATEST_RUN_QUERY = "limit=1";

export type FirstRunState = "loading" | "error" | "waiting" | "arrived" | "latest";

/** Poll until a run exists, then stop: the link it shows does not need to move. */
export function pollInterval(page: RunPage | undefined): number | false {
  return page?.runs.length ? false : POLL_MS;
}

/**
 * What the status says. `watchedItArrive`: the page loaded with no run, so the one that
 * appears is the user's first, not merely the latest.
 */
export function firstRunState(query: { hasRun: boolean; watchedItArrive: boolean; isError: boolean; isPending: boolean }): FirstRunState {
  if (query.hasRun) return query.watchedItArrive ? "arrived" : "latest";
  if (query.isError) return "error";
  return query.isPending ? "loading" : "waiting";
}
