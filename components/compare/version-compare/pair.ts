// Which two versions the compare page shows: a (baseline) and b (candidate) from the URL, checked
// as the API checks them, and the versions the pickers preselect when the URL does not say.
import { shortId } from "@/components/ui/format";
import { ParamError } from "@/lib/http/params";
import { requireLogicId } from "@/lib/workloads/params";
import type { VersionStats } from "@/lib/workloads/types";

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

export interface RequestedPair {
  a: string | null;
  b: string | null;
  /** Why a given parameter was not usable, worded for the page. Empty on a first visit (neither given). */
  problems: string[];
}

const ROLE = { a: "Baseline (a)", b: "Candidate (b)" } as const;

/** Next's searchParams object as URLSearchParams (repeated keys kept, so "give it once" can be told). */
export function toSearchParams(record: SearchParamsRecord): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) params.append(key, item);
  }
  return params;
}

/** One valid logic id, or null with the reason (a missing one is only a problem if the other was given). */
function readOne(params: URLSearchParams, name: "a" | "b"): { id: string | null; problem: string | null; given: boolean } {
  try {
    return { id: requireLogicId(params, name), problem: null, given: true };
  } catch (error) {
    if (!(error instanceof ParamError)) throw error;
    const given = params.getAll(name).some((v) => v.trim() !== "");
    return { id: null, problem: `${ROLE[name]}: ${error.message.slice(name.length + 2)}`, given };
  }
}

export function readPair(params: URLSearchParams): RequestedPair {
  const a = readOne(params, "a");
  const b = readOne(params, "b");
  const firstVisit = !a.given && !b.given;
  const problems = firstVisit ? [] : [a.problem, b.problem].filter((p): p is string => p !== null);
  return { a: a.id, b: b.id, problems };
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
