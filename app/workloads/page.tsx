import Link from "next/link";
import { EmptyState, ErrorPanel, PageHeader } from "@/components/empty-state";
import { formatCount } from "@/lib/format";
import { listWorkloadStats } from "@/lib/queries/workloads";
import type { WorkloadStats } from "@/lib/workloads/types";
import { requireDb } from "@/lib/runtime/registry";
import { DEFAULT_TENANT_ID } from "@/lib/tenancy";

export const dynamic = "force-dynamic";
export const metadata = { title: "Workloads" };

export default async function WorkloadsPage() {
  let workloads: WorkloadStats[];
  try {
    workloads = (await listWorkloadStats(requireDb(), DEFAULT_TENANT_ID, {})).workloads;
  } catch (error) {
    return (
      <>
        <PageHeader title="Workloads" />
        <ErrorPanel message={error instanceof Error ? error.message : "The workloads could not be loaded."} />
      </>
    );
  }
  return (
    <>
      <PageHeader title="Workloads" description="Each agent and the history of its logic ids (versions)." />
      {workloads.length === 0 ? (
        <EmptyState title="No workloads yet" testId="workloads-empty">
          <p>
            A workload appears here when a span carrying <code className="font-mono">codon.workload.name</code> and{" "}
            <code className="font-mono">codon.workload.logic_id</code> arrives. See{" "}
            <Link className="text-sky-700 underline" href="/connect">
              Connect
            </Link>{" "}
            to send some.
          </p>
        </EmptyState>
      ) : (
        <ul data-testid="workloads-list" className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {workloads.map((w) => (
            <li key={w.name} className="flex items-center justify-between px-4 py-3 text-sm">
              <Link href={`/workloads/${encodeURIComponent(w.name)}`} className="font-medium text-sky-800 hover:underline">
                {w.name}
              </Link>
              <span className="text-slate-600">
                {w.versionCount} version{w.versionCount === 1 ? "" : "s"} · {formatCount(w.runCount)} runs · last seen{" "}
                {w.lastSeen}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
