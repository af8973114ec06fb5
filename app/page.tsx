import { headers } from "next/headers";
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { Suspense } from "react";
import { EmptyState, LoadFailed, PageHeader } from "@/components/empty-state";
import { RunsView } from "@/components/runs/runs-list/runs-view";
import { SdkSetup } from "@/components/sdk-setup";
import { pathWithQuery } from "@/lib/auth/next-path";
import { pageTenant } from "@/lib/auth/page-tenant";
import { listRuns, runFilterOptions } from "@/lib/runs/queries/run-list";
import { retentionSentence } from "@/lib/retention/describe";
import { defaultRetentionDays } from "@/lib/retention/policy";
import { getTenantRetention } from "@/lib/retention/queries";
import { ParamError } from "@/lib/http/params";
import { parseRunListParams } from "@/lib/runs/list-params";
import type { RunFilterOptions, RunPage } from "@/lib/runs/types";
import { otlpEndpoints } from "@/lib/runtime/endpoints";
import { requireDb, requireReadDb, serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function toQuery(params: Record<string, string | string[] | undefined>): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, item);
  }
  return query;
}

export default async function RunsPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const query = toQuery(params);
  let options: RunFilterOptions;
  let initialPage: RunPage | null = null;
  let retentionDays: number;
  try {
    const tenantId = await pageTenant(pathWithQuery("/", params));
    const db = requireReadDb();
    options = await runFilterOptions(db, tenantId);
    // A setting just saved shows at once: settings are read from the primary.
    retentionDays = (await getTenantRetention(requireDb(), tenantId, defaultRetentionDays())).days;
    try {
      initialPage = await listRuns(db, tenantId, parseRunListParams(query));
    } catch (error) {
      // The client asks again and shows the API's message naming the bad parameter.
      if (!(error instanceof ParamError)) throw error;
    }
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={<PageHeader title="Runs" />} error={error} fallback="The runs could not be loaded." />;
  }
  const endpoints = otlpEndpoints((await headers()).get("host"));
  // The snippets carry the key header once keys are on; an unreadable key table just leaves it out.
  const apiKeyRequired = ((await serverRuntime().auth?.mode().catch(() => null)) ?? "open") !== "open";
  const onboarding = (
    <EmptyState title="Waiting for your first run" testId="runs-empty">
      <p>
        No runs yet — point your SDK at <code className="font-mono">{endpoints.grpc}</code> (gRPC) or{" "}
        <code className="font-mono">{endpoints.http}</code> (HTTP), run your agent, and its runs appear here.
      </p>
      <div className="mt-6">
        <SdkSetup endpoints={endpoints} apiKeyRequired={apiKeyRequired} />
      </div>
      <p className="mt-4">
        More options on the{" "}
        <Link className="text-sky-700 underline" href="/connect">
          Connect
        </Link>{" "}
        page.
      </p>
    </EmptyState>
  );
  return (
    <>
      <PageHeader title="Runs" description={`Every workflow run, newest first. ${retentionSentence(retentionDays)}`} />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading runs…</p>}>
        <RunsView initialQuery={query.toString()} initialPage={initialPage} options={options} onboarding={onboarding} />
      </Suspense>
    </>
  );
}
