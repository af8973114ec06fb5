import type { Metadata } from "next";
import { unstable_rethrow } from "next/navigation";
import { Suspense } from "react";
import { ErrorPanel, PageHeader } from "@/components/empty-state";
import { RunCompareForm } from "@/components/compare/run-compare/run-compare-form";
import { RunCompareHeader } from "@/components/compare/run-compare/run-compare-header";
import { RunCompareView } from "@/components/compare/run-compare/run-compare-view";
import { pathWithQuery } from "@/lib/auth/next-path";
import { pageTenant } from "@/lib/auth/page-tenant";
import { NotFoundError } from "@/lib/http/not-found";
import { compareRuns } from "@/lib/workloads/queries/run-compare";
import { checkText } from "@/lib/http/params";
import { requireReadDb } from "@/lib/runtime/registry";
import type { RunComparison } from "@/lib/workloads/types";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Compare runs" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The first value of a parameter, trimmed; empty counts as absent. */
function param(value: string | string[] | undefined): string | undefined {
  const first = (Array.isArray(value) ? value[0] : value)?.trim();
  return first ? first : undefined;
}

const DESCRIPTION = "Two runs node by node: what ran, with what status, time, tokens and cost, and how each node's input and output changed.";

export default async function RunComparePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const a = param(params.a);
  const b = param(params.b);
  const form = <RunCompareForm a={a} b={b} />;
  if (!a || !b) {
    return (
      <>
        <PageHeader title="Compare runs" description={DESCRIPTION} />
        {form}
      </>
    );
  }

  let comparison: RunComparison;
  try {
    const tenantId = await pageTenant(pathWithQuery("/runs/compare", params));
    comparison = await compareRuns(requireReadDb(), tenantId, checkText("a", a), checkText("b", b));
  } catch (error) {
    unstable_rethrow(error);
    const message = error instanceof NotFoundError ? `${error.message}: check the run id.` : error instanceof Error ? error.message : "The runs could not be compared.";
    return (
      <>
        <PageHeader title="Compare runs" />
        {form}
        <ErrorPanel message={message} />
      </>
    );
  }

  return (
    <div data-testid="run-compare-page">
      <h1 className="mb-3 text-2xl font-semibold tracking-tight">Compare runs</h1>
      {form}
      {a === b ? (
        <p role="note" data-testid="run-compare-same-run" className="mb-4 rounded-md border border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-900">
          Run a and run b are the same run, so nothing differs. Enter another run id to compare.
        </p>
      ) : null}
      <RunCompareHeader comparison={comparison} />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading the nodes…</p>}>
        <RunCompareView comparison={comparison} />
      </Suspense>
    </div>
  );
}
