import type { Metadata } from "next";
import Link from "next/link";
import { notFound, unstable_rethrow } from "next/navigation";
import { LoadFailed, PageHeader } from "@/components/empty-state";
import { CompareForm } from "@/components/workloads/version-history/compare-form";
import { TrendSection } from "@/components/workloads/version-history/trend-section";
import { VersionsTable } from "@/components/workloads/version-history/versions-table";
import { parseWindowKey, windowFrom, windowPhrase } from "@/components/workloads/window";
import { timeWindowFor } from "@/app/workloads/time-window";
import { WindowSelector } from "@/components/workloads/window-selector";
import { pathWithQuery } from "@/lib/auth/next-path";
import { pageTenant } from "@/lib/auth/page-tenant";
import { workloadTrend } from "@/lib/workloads/queries/workload-trend";
import { listWorkloadVersions } from "@/lib/workloads/queries/workload-versions";
import type { VersionList, VersionStats, WorkloadTrend } from "@/lib/workloads/types";
import { requireReadDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

/** History is the point of this page, so it opens on all of it. */
const DEFAULT_WINDOW = "all";

type Props = {
  params: Promise<{ name: string }>;
  searchParams: Promise<{ logicId?: string | string[]; window?: string | string[] }>;
};

/** The raw path segment, decoded once; a malformed escape is a page that does not exist. */
function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    notFound();
  }
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeName((await params).name) };
}

/** A workload's logic ids (versions), newest first, and its trend; the run page links here with `?logicId=`. */
export default async function WorkloadPage({ params, searchParams }: Props) {
  const name = decodeName((await params).name);
  const query = await searchParams;
  const selected = typeof query.logicId === "string" ? query.logicId.toLowerCase() : undefined;
  const windowKey = parseWindowKey(query.window, DEFAULT_WINDOW);
  const nowMs = Date.now();
  const timeWindow = timeWindowFor(windowKey, nowMs);
  let versions: VersionStats[];
  let omittedVersions: number;
  let trend: WorkloadTrend | null;
  try {
    const tenantId = await pageTenant(pathWithQuery(`/workloads/${encodeURIComponent(name)}`, query));
    const db = requireReadDb();
    let list: VersionList;
    [list, trend] = await Promise.all([listWorkloadVersions(db, tenantId, name, timeWindow), workloadTrend(db, tenantId, name, timeWindow)]);
    ({ versions, omittedVersions } = list);
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={<PageHeader title={name} />} error={error} fallback="The versions could not be loaded." />;
  }
  if (versions.length === 0 || !trend) notFound();
  const phrase = windowPhrase(windowKey);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-500">
        <ol className="flex gap-1">
          <li>
            <Link href="/workloads" className="rounded outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400">
              Workloads
            </Link>
          </li>
          <li aria-hidden>/</li>
          <li aria-current="page" className="text-slate-700">
            {name}
          </li>
        </ol>
      </nav>
      <PageHeader title={name} description="Every logic id (version) seen for this workload, newest first, with the figures of its runs." />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <p className="text-xs text-slate-500">Run figures are over runs that started in {phrase}; durations, error rate, tokens and cost over finished runs only.</p>
        <WindowSelector path={`/workloads/${encodeURIComponent(name)}`} current={windowKey} fallback={DEFAULT_WINDOW} keep={{ logicId: selected }} />
      </div>
      <TrendSection trend={trend} windowLabel={phrase} />
      <section aria-labelledby="versions-heading">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <h2 id="versions-heading" className="text-sm font-semibold text-slate-800">
            Versions{" "}
            <span className="font-normal text-slate-500">
              {omittedVersions > 0 ? `(the ${versions.length.toLocaleString("en-US")} seen most recently of ${(versions.length + omittedVersions).toLocaleString("en-US")})` : `(${versions.length})`}
            </span>
          </h2>
          <CompareForm name={name} versions={versions} />
        </div>
        <VersionsTable name={name} versions={versions} selected={selected} from={windowFrom(windowKey)} windowLabel={phrase} nowMs={nowMs} />
      </section>
    </>
  );
}
