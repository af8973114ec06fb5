import { headers } from "next/headers";
import { PageHeader } from "@/components/empty-state";
import { SdkSetup } from "@/components/sdk-setup";
import { otlpEndpoints } from "@/lib/runtime/endpoints";

export const dynamic = "force-dynamic";
export const metadata = { title: "Connect" };

export default async function ConnectPage() {
  const endpoints = otlpEndpoints((await headers()).get("host"));
  return (
    <>
      <PageHeader title="Connect" description="Point any OpenTelemetry exporter at these endpoints." />
      <dl className="mb-8 grid max-w-xl grid-cols-[8rem_1fr] gap-y-2 text-sm" data-testid="endpoints">
        <dt className="font-medium text-slate-600">OTLP gRPC</dt>
        <dd className="font-mono" data-testid="endpoint-grpc">{endpoints.grpc}</dd>
        <dt className="font-medium text-slate-600">OTLP HTTP</dt>
        <dd className="font-mono" data-testid="endpoint-http">{endpoints.http}</dd>
      </dl>
      <div className="max-w-3xl">
        <SdkSetup endpoints={endpoints} />
        <p className="mt-6 text-sm text-slate-600">
          With API keys enabled, also set <code className="font-mono">OTEL_EXPORTER_OTLP_HEADERS=x-codon-api-key=&lt;key&gt;</code>.
        </p>
      </div>
    </>
  );
}
