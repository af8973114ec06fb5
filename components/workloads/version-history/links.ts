// Where the version history links to; names and ids are encoded here once.

import type { VersionStats } from "@/lib/workloads/types";

export const workloadHref = (name: string) => `/workloads/${encodeURIComponent(name)}`;

/** The version compare page with a = baseline (older), b = candidate. */
export function compareHref(name: string, a: string, b: string): string {
  return `${workloadHref(name)}/compare?${new URLSearchParams({ a, b })}`;
}

/** The runs list filtered to one logic id, over the same window the row's run count is for. */
export function runsHref(name: string, logicId: string, from?: string): string {
  const params = new URLSearchParams({ workload: name, logicId });
  if (from) params.set("from", from);
  return `/?${params}`;
}

/**
 * Each logic id's predecessor: the next one down the newest-first list (the oldest has none).
 * Keyed by logic id so rows look theirs up in O(1).
 */
export function previousLogicIds(versions: Pick<VersionStats, "logicId">[]): Map<string, string> {
  const previous = new Map<string, string>();
  for (let i = 0; i + 1 < versions.length; i++) previous.set(versions[i]!.logicId, versions[i + 1]!.logicId);
  return previous;
}
