import { headers } from "next/headers";
import Link from "next/link";
import { EmptyState, ErrorPanel, PageHeader } from "@/components/empty-state";
import { SdkSetup } from "@/components/sdk-setup";
import { formatCount, formatDurationNs, formatTimestampNs } from "@/lib/format";
import { listRecentRuns, type RunSummary } from "@/lib/queries/runs";
import { otlpEndpoints } from "@/lib/runtime/endpoints";
import { requireDb } from "@/lib/runtime/registry";
import { DEFAULT_TENANT_ID } from "@/lib/tenancy";

export const dynamic = "force-dynamic";

export default async function RunsPage() {
  let runs: RunSummary[];
  try {
    runs = await listRecentRuns(requireDb(), DEFAULT_TENANT_ID, 50);
  } catch (error) {
    return (
      <>
        <PageHeader title="Runs" />
        <ErrorPanel message={error instanceof Error ? error.message : "The runs could not be loaded."} />
      </>
    );
  }
  const endpoints = otlpEndpoints((await headers()).get("host"));
  return (
    <>
      <PageHeader title="Runs" description="Every workflow run, newest first." />
      {runs.length === 0 ? (
        <EmptyState title="Waiting for your first run" testId="runs-empty">
          <p>
            No runs yet — point your SDK at <code className="font-mono">{endpoints.grpc}</code> (gRPC) or{" "}
            <code className="font-mono">{endpoints.http}</code> (HTTP), run your agent, and its runs appear here.
          </p>
          <div className="mt-6">
            <SdkSetup endpoints={endpoints} />
          </div>
          <p className="mt-4">
            More options on the{" "}
            <Link className="text-sky-700 underline" href="/connect">
              Connect
            </Link>{" "}
            page.
          </p>
        </EmptyState>
      ) : (
        <RunsTable runs={runs} />
      )}
    </>
  );
}

function RunsTable({ runs }: { runs: RunSummary[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table data-testid="runs-table" className="w-full text-left text-sm">
        <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-4 py-2">Workload</th>
            <th className="px-4 py-2">Status</th>
            <th className="px-4 py-2">Started</th>
            <th className="px-4 py-2 text-right">Duration</th>
            <th className="px-4 py-2 text-right">Nodes</th>
            <th className="px-4 py-2 text-right">Tokens</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.run_id} className="border-t border-slate-100">
              <td className="px-4 py-2">
                {run.workload_name ?? <span className="text-slate-400">(no workload)</span>}
                {run.workload_version ? <span className="text-slate-500">@{run.workload_version}</span> : null}
              </td>
              <td className="px-4 py-2">{run.status}</td>
              <td className="px-4 py-2 whitespace-nowrap">{formatTimestampNs(run.start_time_unix_nano)}</td>
              <td className="px-4 py-2 text-right">{formatDurationNs(run.duration_ns)}</td>
              <td className="px-4 py-2 text-right">{run.node_count}</td>
              <td className="px-4 py-2 text-right">{formatCount(run.total_tokens)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
