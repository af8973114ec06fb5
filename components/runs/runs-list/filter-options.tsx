import type { RunFilterOptions } from "@/lib/runs/types";
import { shortId } from "@/components/ui/format";

/** `value` from the URL that the list does not know (e.g. past the list's cap) stays selectable. */
function KeptOption({ value, known }: { value: string | undefined; known: readonly string[] }) {
  return value && !known.includes(value) ? <option value={value}>{value}</option> : null;
}

/** "All …" and one option per name: the workload and deployment menus of the runs and costs filters. */
export function NameOptions({ all, names, value }: { all: string; names: readonly string[]; value: string | undefined }) {
  return (
    <>
      <option value="">{all}</option>
      <KeptOption value={value} known={names} />
      {names.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </>
  );
}

/** The version menu: versions of the chosen workload (of every workload, named, when none is chosen). */
export function VersionOptions({ versions, workload, logicId }: { versions: RunFilterOptions["versions"]; workload: string | undefined; logicId: string | undefined }) {
  const shown = versions.filter((v) => !workload || v.workloadName === workload);
  return (
    <>
      <option value="">All versions</option>
      {logicId && !shown.some((v) => v.logicId === logicId) ? <option value={logicId}>logic id {logicId}…</option> : null}
      {shown.map((v) => (
        <option key={`${v.workloadName}:${v.logicId}`} value={v.logicId}>
          {workload ? "" : `${v.workloadName} `}
          {v.version ?? "?"} · {shortId(v.logicId, 8)}
        </option>
      ))}
    </>
  );
}
