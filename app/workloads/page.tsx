import Link from "next/link";
import { EmptyState, ErrorPanel, PageHeader } from "@/components/empty-state";
import { formatCount, formatTimestampNs } from "@/lib/format";
import { listWorkloads, type WorkloadSummary } from "@/lib/queries/runs";
import { requireDb } from "@/lib/runtime/registry";
import { DEFAULT_TENANT_ID } from "@/lib/tenancy";

export const dynamic = "force-dynamic";
export const metadata = { title: "Workloads" };

export default async function WorkloadsPage() {
  let workloads: WorkloadSummary[];
  try {
    workloads = await listWorkloads(requireDb(), DEFAULT_TENANT_ID);
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
            <li key={w.workload_name} className="flex items-center justify-between px-4 py-3 text-sm">
              <Link href={`/workloads/${encodeURIComponent(w.workload_name)}`} className="font-medium text-sky-800 hover:underline">
                {w.workload_name}
              </Link>
              <span className="text-slate-600">
                {w.versions} version{w.versions === 1 ? "" : "s"} · {formatCount(w.runs)} runs · last seen{" "}
                {formatTimestampNs(w.last_seen_unix_nano)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
