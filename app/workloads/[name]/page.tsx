import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ErrorPanel, PageHeader } from "@/components/empty-state";
import { CopyButton } from "@/components/ui/copy-button";
import { shortId } from "@/lib/format";
import { listWorkloadVersions } from "@/lib/queries/workload-versions";
import type { VersionStats } from "@/lib/workloads/types";
import { requireDb } from "@/lib/runtime/registry";
import { DEFAULT_TENANT_ID } from "@/lib/tenancy";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<{ logicId?: string | string[] }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).name) };
}

/** A workload's logic ids (versions), newest first; the run page links here. */
export default async function WorkloadPage({ params, searchParams }: Props) {
  const name = decodeURIComponent((await params).name);
  const selected = (await searchParams).logicId;
  let versions: VersionStats[];
  try {
    versions = (await listWorkloadVersions(requireDb(), DEFAULT_TENANT_ID, name)).versions;
  } catch (error) {
    return (
      <>
        <PageHeader title={name} />
        <ErrorPanel message={error instanceof Error ? error.message : "The versions could not be loaded."} />
      </>
    );
  }
  if (versions.length === 0) notFound();
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-500">
        <Link href="/workloads" className="hover:underline">
          Workloads
        </Link>{" "}
        / {name}
      </nav>
      <PageHeader title={name} description="Every logic id (version) seen for this workload, newest first." />
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table data-testid="versions-table" className="w-full text-left text-sm">
          <thead className="bg-slate-100 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-3 py-2">Version</th>
              <th className="px-3 py-2">Logic id</th>
              <th className="px-3 py-2">First seen</th>
              <th className="px-3 py-2">Last seen</th>
              <th className="px-3 py-2 text-right">Nodes</th>
              <th className="px-3 py-2 text-right">Runs</th>
            </tr>
          </thead>
          <tbody>
            {versions.map((version) => (
              <tr
                key={version.logicId}
                data-testid="version-row"
                data-logic-id={version.logicId}
                aria-current={version.logicId === selected ? "true" : undefined}
                className={`border-t border-slate-100 ${version.logicId === selected ? "bg-sky-50" : ""}`}
              >
                <td className="px-3 py-2 font-medium">{version.version ?? "—"}</td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <code className="font-mono text-xs" title={version.logicId}>
                    {shortId(version.logicId)}
                  </code>
                  <CopyButton value={version.logicId} label="logic id" />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">{version.firstSeen.replace("T", " ").slice(0, 19)}</td>
                <td className="px-3 py-2 whitespace-nowrap">{version.lastSeen.replace("T", " ").slice(0, 19)}</td>
                <td className="px-3 py-2 text-right tabular-nums">{version.nodes.length}</td>
                <td className="px-3 py-2 text-right tabular-nums">
                  <Link className="text-sky-800 hover:underline" href={`/?workload=${encodeURIComponent(name)}&logicId=${version.logicId}`}>
                    {version.runCount.toLocaleString("en-US")} runs
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
