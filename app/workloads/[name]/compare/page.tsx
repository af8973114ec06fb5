import type { Metadata } from "next";
import Link from "next/link";
import { notFound, unstable_rethrow } from "next/navigation";
import type { ReactNode } from "react";
import { EmptyState, ErrorPanel } from "@/components/empty-state";
import { CompareFigures, CompareSummary } from "@/components/compare/version-compare/compare-figures";
import { CompareHeader } from "@/components/compare/version-compare/compare-header";
import { EdgeChanges } from "@/components/compare/version-compare/edge-changes";
import { pickerPair } from "@/components/compare/version-compare/pair";
import { readPair, toSearchParams, type SearchParamsRecord } from "@/app/workloads/[name]/compare/requested-pair";
import { VersionCompareView } from "@/components/compare/version-compare/version-compare-view";
import { VersionPickers } from "@/components/compare/version-compare/version-pickers";
import { VerdictEvidence } from "@/components/compare/version-compare/verdict-evidence";
import { versionVerdicts } from "@/lib/verdicts/queries";
import type { VersionVerdict } from "@/lib/verdicts/types";
import { pathWithQuery } from "@/lib/auth/next-path";
import { pageTenant } from "@/lib/auth/page-tenant";
import { NotFoundError } from "@/lib/http/not-found";
import { compareVersions } from "@/lib/workloads/queries/version-compare";
import { listWorkloadVersions } from "@/lib/workloads/queries/workload-versions";
import { requireReadDb } from "@/lib/runtime/registry";
import type { VersionComparison, VersionStats } from "@/lib/workloads/types";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ name: string }>; searchParams: Promise<SearchParamsRecord> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Compare · ${decodeURIComponent((await params).name)}` };
}

const message = (error: unknown, fallback: string) => (error instanceof Error ? error.message : fallback);

/** Version b of a workload against version a: `/workloads/<name>/compare?a=<logicId>&b=<logicId>`. */
export default async function CompareVersionsPage({ params, searchParams }: Props) {
  const name = decodeURIComponent((await params).name);
  const rawQuery = await searchParams;
  const query = toSearchParams(rawQuery);
  const page = (body: ReactNode) => (
    <>
      <CompareHeader workload={name} />
      <div className="space-y-6">{body}</div>
    </>
  );

  let tenantId: string;
  let versions: VersionStats[];
  try {
    tenantId = await pageTenant(pathWithQuery(`/workloads/${encodeURIComponent(name)}/compare`, rawQuery));
    versions = (await listWorkloadVersions(requireReadDb(), tenantId, name)).versions;
  } catch (error) {
    unstable_rethrow(error);
    return page(<ErrorPanel message={message(error, "The versions could not be loaded.")} />);
  }
  if (versions.length === 0) notFound();

  const requested = readPair(query);
  const picked = pickerPair(versions, requested);
  if (!picked) {
    return page(
      <EmptyState title="This workload has one version so far" testId="single-version">
        Nothing to compare yet: a new logic id appears when the workflow&apos;s code changes.{" "}
        <Link href={`/workloads/${encodeURIComponent(name)}`} className="text-sky-800 hover:underline">
          See its version
        </Link>
        .
      </EmptyState>,
    );
  }
  const pickers = <VersionPickers workload={name} versions={versions} a={picked.a} b={picked.b} />;
  if (requested.problems.length > 0) {
    return page(
      <>
        {pickers}
        <ErrorPanel message={requested.problems.join(" ")} />
      </>,
    );
  }
  if (requested.a === null || requested.b === null) {
    return page(
      <>
        {pickers}
        <EmptyState title="Choose two versions to compare" testId="choose-versions">
          Pick a baseline (a) and a candidate (b) above.
        </EmptyState>
      </>,
    );
  }
  if (requested.a === requested.b) {
    return page(
      <>
        {pickers}
        <EmptyState title="Pick two different versions" testId="same-version">
          Both sides are logic id <code className="font-mono text-xs">{requested.a}</code>.
        </EmptyState>
      </>,
    );
  }

  let comparison: VersionComparison;
  let verdicts: VersionVerdict[];
  try {
    [comparison, verdicts] = await Promise.all([
      compareVersions(requireReadDb(), tenantId, name, requested.a, requested.b),
      versionVerdicts(requireReadDb(), tenantId, name, requested.b),
    ]);
  } catch (error) {
    // An unknown logic id names itself (NotFoundError); the pickers offer the ones that exist.
    const text = error instanceof NotFoundError ? error.message : message(error, "The comparison could not be loaded.");
    return page(
      <>
        {pickers}
        <ErrorPanel message={text} />
      </>,
    );
  }
  return page(
    <>
      {pickers}
      <CompareSummary summary={comparison.summary} />
      <CompareFigures comparison={comparison} />
      {/* The verdicts that judged b against a: shown only for the pair they were computed on. */}
      <VerdictEvidence verdicts={verdicts.filter((verdict) => verdict.baselineLogicId === requested.a)} />
      <VersionCompareView comparison={comparison} initialNode={query.get("node")} />
      <EdgeChanges edges={comparison.edges} />
    </>,
  );
}
