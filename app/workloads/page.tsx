import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { EmptyState, LoadFailed, PageHeader } from "@/components/empty-state";
import { parseWindowKey, windowPhrase } from "@/components/workloads/window";
import { timeWindowFor } from "@/app/workloads/time-window";
import { WindowSelector } from "@/components/workloads/window-selector";
import { WorkloadsTable } from "@/components/workloads/workloads-table";
import { pathWithQuery } from "@/lib/auth/next-path";
import { pageTenant } from "@/lib/auth/page-tenant";
import { listWorkloadStats } from "@/lib/workloads/queries/workloads";
import type { WorkloadStats } from "@/lib/workloads/types";
import { requireReadDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
export const metadata = { title: "Workloads" };

/** Recent activity is what the list is for; a month covers it without old noise. */
const DEFAULT_WINDOW = "30d";

type Props = { searchParams: Promise<{ window?: string | string[] }> };

export default async function WorkloadsPage({ searchParams }: Props) {
  const params = await searchParams;
  const windowKey = parseWindowKey(params.window, DEFAULT_WINDOW);
  const nowMs = Date.now();
  let workloads: WorkloadStats[];
  try {
    const tenantId = await pageTenant(pathWithQuery("/workloads", params));
    workloads = (await listWorkloadStats(requireReadDb(), tenantId, timeWindowFor(windowKey, nowMs))).workloads;
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={<PageHeader title="Workloads" />} error={error} fallback="The workloads could not be loaded." />;
  }
  if (workloads.length === 0) {
    return (
      <>
        <PageHeader title="Workloads" description="Each agent and the history of its logic ids (versions)." />
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
      </>
    );
  }
  const phrase = windowPhrase(windowKey);
  return (
    <>
      <PageHeader title="Workloads" description="Each agent and the history of its logic ids (versions)." />
      <div className="mb-3 flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs text-slate-500">
          Runs, error rate, p95 and cost are over runs that started in {phrase}; rates over finished runs only.
        </p>
        <WindowSelector path="/workloads" current={windowKey} fallback={DEFAULT_WINDOW} />
      </div>
      <WorkloadsTable workloads={workloads} windowLabel={phrase} nowMs={nowMs} />
    </>
  );
}
