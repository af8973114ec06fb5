// The compare page's a (baseline) and b (candidate) from the URL, checked as the API checks them;
// server-side, so the browser never loads the API's parameter parsers.
import { ParamError } from "@/lib/http/params";
import { requireLogicId } from "@/lib/workloads/params";
import type { RequestedPair } from "@/components/compare/version-compare/pair";

export type SearchParamsRecord = Record<string, string | string[] | undefined>;

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

