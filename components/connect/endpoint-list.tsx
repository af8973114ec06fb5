import type { Endpoints } from "@/lib/runtime/endpoints";
import { CopyTextButton } from "@/components/connect/copy-text-button";

const ROWS = [
  { transport: "grpc", label: "OTLP gRPC", note: "the Codon SDK's default" },
  { transport: "http", label: "OTLP HTTP", note: "protobuf or JSON; traces at /v1/traces, logs at /v1/logs, metrics at /v1/metrics" },
] as const;

/** The receivers' addresses as this browser reaches them, each ready to copy. */
export function EndpointList({ endpoints }: { endpoints: Endpoints }) {
  return (
    <dl className="grid max-w-3xl grid-cols-[7rem_1fr] items-baseline gap-x-4 gap-y-3 text-sm" data-testid="endpoints">
      {ROWS.map(({ transport, label, note }) => (
        <div key={transport} className="contents">
          <dt className="font-medium text-slate-600">{label}</dt>
          <dd className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <code id={`endpoint-${transport}`} data-testid={`endpoint-${transport}`} className="rounded bg-slate-100 px-2 py-0.5 font-mono text-slate-900">
                {endpoints[transport]}
              </code>
              <CopyTextButton text={endpoints[transport]} label={`${label} endpoint`} targetId={`endpoint-${transport}`} testId={`endpoint-${transport}-copy`} />
            </div>
            <p className="mt-1 text-xs text-slate-500">{note}</p>
          </dd>
        </div>
      ))}
    </dl>
  );
}
