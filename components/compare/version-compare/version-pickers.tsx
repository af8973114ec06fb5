import Link from "next/link";
import type { VersionStats } from "@/lib/workloads/types";
import { compareHref, versionOptionLabel } from "@/components/compare/version-compare/pair";

const SELECT = "mt-1 block w-full min-w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-500";

const SIDES = [
  { side: "a", label: "Baseline (a)" },
  { side: "b", label: "Candidate (b)" },
] as const;

/** Two versions to compare: a plain GET form (works without JavaScript) and a swap link. */
export function VersionPickers({ workload, versions, a, b }: { workload: string; versions: VersionStats[]; a: string; b: string }) {
  const options = versions.map((v) => (
    <option key={v.logicId} value={v.logicId}>
      {versionOptionLabel(v)}
    </option>
  ));
  return (
    // Keyed on the pair: a client-side navigation (swap) must reset the uncontrolled selects.
    <form
      key={`${a}:${b}`}
      method="get"
      action={`/workloads/${encodeURIComponent(workload)}/compare`}
      data-testid="version-pickers"
      aria-label="Versions to compare"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3"
    >
      {SIDES.map(({ side, label }) => (
        <label key={side} className="text-xs font-medium text-slate-600">
          {label}
          <select name={side} defaultValue={side === "a" ? a : b} className={SELECT} data-testid={`version-picker-${side}`}>
            {options}
          </select>
        </label>
      ))}
      <button type="submit" className="rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500">
        Compare
      </button>
      <Link
        href={compareHref(workload, b, a)}
        data-testid="swap-versions"
        aria-label="Swap baseline and candidate"
        className="rounded-md px-2 py-1.5 text-sm text-sky-800 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500"
      >
        Swap a ↔ b
      </Link>
    </form>
  );
}
