import type { Endpoints } from "@/lib/runtime/endpoints";

/** The environment a Codon / OpenTelemetry SDK needs to send here, ready to paste. */
export function SdkSetup({ endpoints }: { endpoints: Endpoints }) {
  return (
    <div className="space-y-4 text-left">
      <Snippet
        testId="snippet-grpc"
        title="gRPC (the Codon SDK's default exporter)"
        code={`export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoints.grpc}\nexport OTEL_EXPORTER_OTLP_PROTOCOL=grpc`}
      />
      <Snippet
        testId="snippet-http"
        title="HTTP (protobuf or JSON)"
        code={`export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoints.http}\nexport OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf`}
      />
    </div>
  );
}

function Snippet({ title, code, testId }: { title: string; code: string; testId: string }) {
  return (
    <figure>
      <figcaption className="mb-1 text-xs font-medium text-slate-500">{title}</figcaption>
      <pre data-testid={testId} className="overflow-x-auto rounded-md bg-slate-900 px-4 py-3 font-mono text-sm text-slate-100">
        {code}
      </pre>
    </figure>
  );
}
