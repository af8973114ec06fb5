import { headers } from "next/headers";
import type { ReactNode } from "react";
import { ApiKeyNotice } from "@/components/connect/api-key-notice";
import { EndpointList } from "@/components/connect/endpoint-list";
import { FirstRunSignedOut, FirstRunStatus } from "@/components/connect/first-run-status";
import { SetupTabs } from "@/components/connect/setup-tabs";
import { isGuideId, setupGuides } from "@/components/connect/snippets";
import { ErrorPanel, PageHeader } from "@/components/empty-state";
import { signInHref } from "@/lib/auth/next-path";
import { sessionCookieToken } from "@/lib/auth/page-tenant";
import { otlpEndpoints } from "@/lib/runtime/endpoints";
import { loadConnectData } from "@/app/connect/connect-data";

export const dynamic = "force-dynamic";
export const metadata = { title: "Connect" };

/** The chosen SDK tab lives in the address (`?sdk=otel-js`), so a link opens the same instructions. */
const SDK_PARAM = "sdk";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ConnectPage({ searchParams }: { searchParams: SearchParams }) {
  const endpoints = otlpEndpoints((await headers()).get("host"));
  const requested = (await searchParams)[SDK_PARAM];
  const initialGuide = typeof requested === "string" && isGuideId(requested) ? requested : "codon-python";
  // Open without signing in (it is how to start sending); the latest run only for a signed-in tenant.
  const data = await loadConnectData(await sessionCookieToken());
  // Unknown key policy (database down): show the key lines rather than snippets that may be refused.
  const apiKeyRequired = data.ok ? data.keyMode !== "open" : true;
  return (
    <>
      <PageHeader title="Connect" description="Send your agent's telemetry here: copy the endpoint, paste the setup for your SDK, run your agent." />
      <div className="max-w-4xl space-y-10">
        {data.ok && data.latestRun === null ? (
          <FirstRunSignedOut signInHref={signInHref("/connect")} />
        ) : (
          <FirstRunStatus initialPage={data.ok ? data.latestRun : null} />
        )}
        <Step number={1} title="Endpoints">
          <EndpointList endpoints={endpoints} />
        </Step>
        <Step number={2} title="API keys">
          {data.ok ? <ApiKeyNotice mode={data.keyMode} /> : <ErrorPanel message={`Could not read the API keys: ${data.message}`} />}
        </Step>
        <Step number={3} title="Instrument your agent">
          <SetupTabs guides={setupGuides({ endpoints, apiKeyRequired })} initialGuide={initialGuide} urlParam={SDK_PARAM} />
          <p className="mt-6 text-sm text-slate-600" data-testid="demo-hint">
            No agent at hand? <code className="rounded bg-slate-100 px-1 font-mono">npm run demo</code> sends example workloads to this collector.
          </p>
        </Step>
      </div>
    </>
  );
}

function Step({ number, title, children }: { number: number; title: string; children: ReactNode }) {
  const headingId = `connect-step-${number}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId} className="mb-3 text-lg font-semibold text-slate-800">
        <span className="mr-2 text-slate-400">{number}.</span>
        {title}
      </h2>
      {children}
    </section>
  );
}
