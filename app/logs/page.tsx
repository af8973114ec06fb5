import { Suspense } from "react";
import { PageHeader } from "@/components/empty-state";
import { ServiceLogs } from "@/components/logs/service-logs";
import { pageAccess } from "@/lib/auth/page-tenant";
import { rightsOf } from "@/lib/auth/rights";

export const dynamic = "force-dynamic";
export const metadata = { title: "Logs" };

/** Every service's log records, newest first; a run's own are on its page too. */
export default async function LogsPage() {
  // Signs the browser in (or sends it to sign in) before the list asks the API.
  const rights = rightsOf(await pageAccess("/logs"));
  return (
    <>
      <PageHeader title="Logs" description="OpenTelemetry log records from every service, newest first. Records logged inside a run's spans are on that run's page too." />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading logs…</p>}>
        <ServiceLogs maySearchText={rights.content} />
      </Suspense>
    </>
  );
}
