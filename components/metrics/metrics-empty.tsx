import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import type { Endpoints } from "@/lib/runtime/endpoints";

const link = "text-sky-700 underline outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

/** No service has sent a metric: say where the exporter should point. */
export function MetricsEmpty({ endpoints }: { endpoints: Endpoints }) {
  return (
    <EmptyState title="No metrics yet" testId="metrics-empty">
      <p>
        Point an OpenTelemetry SDK&apos;s metric exporter at this collector: OTLP/HTTP to{" "}
        <code className="font-mono">{endpoints.http}/v1/metrics</code> (protobuf or JSON) or the gRPC MetricsService at{" "}
        <code className="font-mono">{endpoints.grpc}</code>. Counters, gauges and histograms appear here by service as they arrive.
      </p>
      <p className="mt-2">
        The{" "}
        <Link className={link} href="/connect">
          Connect
        </Link>{" "}
        page has the endpoints and the environment variables to set.
      </p>
    </EmptyState>
  );
}
