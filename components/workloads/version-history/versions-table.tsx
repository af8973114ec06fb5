import type { VersionStats } from "@/lib/workloads/types";
import { DataTable, type Column } from "@/components/ui/data-table";
import { previousLogicIds } from "@/components/workloads/version-history/links";
import { VersionRow } from "@/components/workloads/version-history/version-row";

const HEADERS: Column[] = [
  { label: "Version" },
  { label: "Logic id" },
  { label: "Verdict", title: "Against the previous version in the same deployment: significant changes of duration, cost, tokens or error rate" },
  { label: "Scores", title: "Per score name over the version's runs in the window: the mean (numbers), the pass rate (pass / fail) or the most common label; n = how many scores" },
  { label: "First seen" },
  { label: "Last seen" },
  { label: "Runs", numeric: true },
  { label: "p50", numeric: true, title: "Median run duration (finished runs)" },
  { label: "p95", numeric: true, title: "95th percentile run duration (finished runs)" },
  { label: "Error rate", numeric: true },
  { label: "Tokens / run", numeric: true, title: "Average input + output tokens per finished run" },
  { label: "Cost / run", numeric: true, title: "Average cost per finished run" },
  { label: "Deployments" },
  { label: "Nodes", numeric: true },
  { label: "Compare" },
];

interface Props {
  name: string;
  /** Newest first, as listWorkloadVersions returns them. */
  versions: VersionStats[];
  selected: string | undefined;
  from: string | undefined;
  windowLabel: string;
  nowMs: number;
}

/** Every logic id of a workload, newest first, with the figures of its runs in the window. */
export function VersionsTable({ name, versions, selected, from, windowLabel, nowMs }: Props) {
  const previous = previousLogicIds(versions);
  return (
    <DataTable columns={HEADERS} caption={`Versions of ${name}, newest first; run figures over ${windowLabel}`} testId="versions-table" nowrap>
      {versions.map((v) => (
        <VersionRow
          key={v.logicId}
          name={name}
          version={v}
          previous={previous.get(v.logicId) ?? null}
          selected={v.logicId === selected}
          from={from}
          nowMs={nowMs}
        />
      ))}
    </DataTable>
  );
}
