import { CodeBlock } from "@/components/connect/code-block";
import { exporterEnv } from "@/components/connect/snippets";
import type { Endpoints } from "@/lib/runtime/endpoints";

const TRANSPORTS = [
  { transport: "grpc", caption: "gRPC (the Codon SDK's default exporter)" },
  { transport: "http", caption: "HTTP (protobuf or JSON)" },
] as const;

/**
 * The compact setup for the runs page's empty state: the environment any OTLP exporter reads,
 * ready to copy. The Connect page has the per-SDK instructions.
 */
export function SdkSetup({ endpoints, apiKeyRequired = false }: { endpoints: Endpoints; apiKeyRequired?: boolean }) {
  return (
    <div className="space-y-4 text-left">
      {TRANSPORTS.map(({ transport, caption }) => (
        <CodeBlock
          key={transport}
          id={`sdk-setup-${transport}`}
          testId={`snippet-${transport}`}
          caption={caption}
          language="shell"
          code={exporterEnv(endpoints, transport, apiKeyRequired)}
        />
      ))}
    </div>
  );
}
