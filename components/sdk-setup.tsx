import { CodeBlock } from "@/components/connect/code-block";
import { exporterEnv } from "@/components/connect/snippets";
import type { Endpoints } from "@/lib/runtime/endpoints";

/**
 * The compact setup for the runs page's empty state: the environment any OTLP exporter reads,
 * ready to copy. The Connect page has the per-SDK instructions.
 */
export function SdkSetup({ endpoints, apiKeyRequired = false }: { endpoints: Endpoints; apiKeyRequired?: boolean }) {
  return (
    <div className="space-y-4 text-left">
      <CodeBlock
        id="sdk-setup-grpc"
        testId="snippet-grpc"
        caption="gRPC (the Codon SDK's default exporter)"
        language="shell"
        code={exporterEnv(endpoints, "grpc", apiKeyRequired)}
      />
      <CodeBlock
        id="sdk-setup-http"
        testId="snippet-http"
        caption="HTTP (protobuf or JSON)"
        language="shell"
        code={exporterEnv(endpoints, "http", apiKeyRequired)}
      />
    </div>
  );
}
