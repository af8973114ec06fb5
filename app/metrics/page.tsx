import { headers } from "next/headers";
import { Suspense } from "react";
import { PageHeader } from "@/components/empty-state";
import { MetricsView } from "@/components/metrics/metrics-view";
import { pathWithQuery } from "@/lib/auth/next-path";
import { pageTenant } from "@/lib/auth/page-tenant";
import { otlpEndpoints } from "@/lib/runtime/endpoints";

export const dynamic = "force-dynamic";
export const metadata = { title: "Metrics" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every service's OTLP metrics, one chart at a time; a run links here for its service and time. */
export default async function MetricsPage({ searchParams }: Props) {
  // Signs the browser in (or sends it to sign in, back to this very view) before the view asks the API.
  await pageTenant(pathWithQuery("/metrics", await searchParams));
  const endpoints = otlpEndpoints((await headers()).get("host"));
  return (
    <>
      <PageHeader title="Metrics" description="OpenTelemetry metrics by service: counters as a rate per second, gauges as their value, histograms as p50, p95 and p99." />
      <Suspense fallback={<p className="text-sm text-slate-500">Loading metrics…</p>}>
        <MetricsView endpoints={endpoints} />
      </Suspense>
    </>
  );
}
