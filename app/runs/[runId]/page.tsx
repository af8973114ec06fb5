import type { Metadata } from "next";
import { notFound, unstable_rethrow } from "next/navigation";
import { Suspense } from "react";
import { LoadFailed, PageHeader } from "@/components/empty-state";
import { RunPageView } from "@/components/runs/run-page/run-page-view";
import { pageAccess } from "@/lib/auth/page-tenant";
import { rightsOf, type Rights } from "@/lib/auth/rights";
import { getRunDag } from "@/lib/runs/queries/run-dag";
import { previousRunId } from "@/lib/runs/queries/run-list";
import type { RunDag } from "@/lib/runs/types";
import { requireReadDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

type Params = Promise<{ runId: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { runId } = await params;
  return { title: `Run ${decodeURIComponent(runId).slice(0, 18)}` };
}

export default async function RunPage({ params }: { params: Params }) {
  const runId = decodeURIComponent((await params).runId);
  let dag: RunDag | null;
  let previous: string | null = null;
  let rights: Rights;
  // Taken before the read: the DAG is at least this fresh.
  const loadedAt = Date.now();
  try {
    const access = await pageAccess(`/runs/${encodeURIComponent(runId)}`);
    const tenantId = access.tenantId;
    rights = rightsOf(access);
    const db = requireReadDb();
    dag = await getRunDag(db, tenantId, runId);
    if (dag?.run.workloadName) previous = await previousRunId(db, tenantId, dag.run.workloadName, dag.run.startTimeUnixNano, runId);
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={<PageHeader title="Run" />} error={error} fallback="The run could not be loaded." />;
  }
  if (!dag) notFound();
  return (
    <Suspense fallback={<p className="text-sm text-slate-500">Loading run…</p>}>
      <RunPageView initialDag={dag} loadedAt={loadedAt} previousRunId={previous} rights={rights} />
    </Suspense>
  );
}
