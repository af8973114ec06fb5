// Which two versions the compare page shows: a (baseline) and b (candidate) as the page read them
// from the URL (app/workloads/[name]/compare/requested-pair.ts), and what the pickers preselect.
import { shortId } from "@/components/ui/format";
import type { VersionStats } from "@/lib/workloads/types";

export interface RequestedPair {
  a: string | null;
  b: string | null;
  /** Why a given parameter was not usable, worded for the page. Empty on a first visit (neither given). */
  problems: string[];
}

/**
 * What the pickers preselect: the requested ids when the workload has them, else the newest
 * version as b and the newest other one as a. Null when there are not two versions to choose from.
 */
export function pickerPair(versions: Pick<VersionStats, "logicId">[], requested: Pick<RequestedPair, "a" | "b">): { a: string; b: string } | null {
  if (versions.length < 2) return null;
  const known = new Set(versions.map((v) => v.logicId));
  let a = requested.a !== null && known.has(requested.a) ? requested.a : null;
  let b = requested.b !== null && known.has(requested.b) ? requested.b : null;
  b ??= versions.find((v) => v.logicId !== a)!.logicId;
  a ??= versions.find((v) => v.logicId !== b)!.logicId;
  return { a, b };
}

/** `1.4.0 · 3f2a9c1b0e4d · 12 runs` */
export function versionOptionLabel(version: Pick<VersionStats, "logicId" | "version" | "runCount">): string {
  const runs = `${version.runCount.toLocaleString("en-US")} run${version.runCount === 1 ? "" : "s"}`;
  return `${version.version ?? "unversioned"} · ${shortId(version.logicId)} · ${runs}`;
}

export function compareHref(workload: string, a: string, b: string): string {
  return `/workloads/${encodeURIComponent(workload)}/compare?a=${a}&b=${b}`;
}
