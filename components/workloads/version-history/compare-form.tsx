import Form from "next/form";
import { shortId } from "@/components/ui/format";
import type { VersionStats } from "@/lib/workloads/types";
import { workloadHref } from "@/components/workloads/version-history/links";

const selectClass =
  "max-w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

/**
 * Any two versions side by side: a GET form, so the comparison is a plain shareable URL and
 * works before (or without) JavaScript. Defaults to the two newest (versions are newest first).
 */
export function CompareForm({ name, versions }: { name: string; versions: VersionStats[] }) {
  if (versions.length < 2) return <p className="text-xs text-slate-500">One version so far: nothing to compare yet.</p>;
  return (
    <Form action={`${workloadHref(name)}/compare`} data-testid="compare-form" aria-label="Compare two versions" className="flex flex-wrap items-end gap-2">
      <VersionSelect name="a" label="Baseline" versions={versions} defaultValue={versions[1]!.logicId} />
      <VersionSelect name="b" label="Candidate" versions={versions} defaultValue={versions[0]!.logicId} />
      <button
        type="submit"
        className="rounded-md bg-slate-800 px-3 py-1.5 text-sm font-medium text-white outline-none hover:bg-slate-700 focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        Compare
      </button>
    </Form>
  );
}

function VersionSelect({ name, label, versions, defaultValue }: { name: string; label: string; versions: VersionStats[]; defaultValue: string }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
      {label}
      <select name={name} data-testid={`compare-select-${name}`} defaultValue={defaultValue} className={selectClass}>
        {versions.map((v) => (
          <option key={v.logicId} value={v.logicId}>
            {v.version ?? "(no version)"} · {shortId(v.logicId, 8)}
          </option>
        ))}
      </select>
    </label>
  );
}
