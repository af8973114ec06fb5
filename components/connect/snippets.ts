/**
 * The copy-paste setup for each SDK, built from the endpoints this server really listens on.
 * Pure: endpoints and key policy in, text out (tested in snippets.test.ts).
 */
import type { Endpoints } from "@/lib/runtime/endpoints";
import { API_KEY_PLACEHOLDER, codeString, exportLine } from "@/components/connect/shell";

export type SnippetLanguage = "shell" | "python" | "typescript";

export interface Snippet {
  /** Says what to do with the code: where it goes, when it runs. */
  caption: string;
  language: SnippetLanguage;
  code: string;
}

export type GuideId = "codon-python" | "otel-python" | "otel-js" | "typescript";

export interface SetupGuide {
  id: GuideId;
  label: string;
  snippets: Snippet[];
  /** What to do after pasting. */
  next: string;
}

export interface SnippetOptions {
  endpoints: Endpoints;
  /** Exports need a key (the server has keys): snippets then carry the key placeholder. */
  apiKeyRequired: boolean;
}

export const GUIDE_IDS: readonly GuideId[] = ["codon-python", "otel-python", "otel-js", "typescript"];
export const EXAMPLE_SERVICE_NAME = "qa-agent";

export function isGuideId(value: string | undefined): value is GuideId {
  return GUIDE_IDS.includes(value as GuideId);
}

export function setupGuides(options: SnippetOptions): SetupGuide[] {
  return [codonPythonGuide(options), otelPythonGuide(options), otelJsGuide(options), typeScriptGuide(options)];
}

/** OTLP/HTTP exporters given a full URL (not the env base) need the signal's path themselves. */
export function tracesUrl(endpoints: Endpoints): string {
  return `${endpoints.http}/v1/traces`;
}

/** The two standard exporter settings, gRPC or HTTP/protobuf, and the key header when needed. */
export function exporterEnv(endpoints: Endpoints, transport: "grpc" | "http", apiKeyRequired: boolean): string {
  return lines(
    exportLine("OTEL_EXPORTER_OTLP_ENDPOINT", transport === "grpc" ? endpoints.grpc : endpoints.http),
    exportLine("OTEL_EXPORTER_OTLP_PROTOCOL", transport === "grpc" ? "grpc" : "http/protobuf"),
    apiKeyRequired && exportLine("OTEL_EXPORTER_OTLP_HEADERS", `x-codon-api-key=${API_KEY_PLACEHOLDER}`),
  );
}

function codonPythonGuide({ endpoints, apiKeyRequired }: SnippetOptions): SetupGuide {
  return {
    id: "codon-python",
    label: "Codon Python SDK",
    snippets: [
      { caption: "Install the SDK", language: "shell", code: "pip install codon-sdk" },
      {
        caption: "Set the environment (the Codon SDK exports OTLP over gRPC)",
        language: "shell",
        code: lines(
          exportLine("OTEL_EXPORTER_OTLP_ENDPOINT", endpoints.grpc),
          exportLine("OTEL_SERVICE_NAME", EXAMPLE_SERVICE_NAME),
          exportLine("ORG_NAMESPACE", "my-org", "scopes node specs and logic ids"),
          apiKeyRequired && exportLine("CODON_API_KEY", API_KEY_PLACEHOLDER, "sent as x-codon-api-key"),
        ),
      },
      {
        caption: "Once at start-up, before you build workloads",
        language: "python",
        code: lines(
          "from codon_sdk.instrumentation import initialize_telemetry",
          "",
          "initialize_telemetry()  # reads the variables above",
        ),
      },
    ],
    next: "Then run your workload as usual.",
  };
}

function otelPythonGuide({ endpoints, apiKeyRequired }: SnippetOptions): SetupGuide {
  const exporterArgs = apiKeyRequired
    ? `(\n    endpoint=${codeString(tracesUrl(endpoints))},\n    headers={"x-codon-api-key": os.environ["CODON_API_KEY"]},\n)`
    : `(endpoint=${codeString(tracesUrl(endpoints))})`;
  return {
    id: "otel-python",
    label: "OpenTelemetry Python",
    snippets: [
      { caption: "Install the SDK and the OTLP exporter", language: "shell", code: "pip install opentelemetry-sdk opentelemetry-exporter-otlp" },
      ...keySnippet(apiKeyRequired),
      {
        caption: "Once at start-up: export spans over OTLP/HTTP",
        language: "python",
        code: lines(
          apiKeyRequired && "import os",
          apiKeyRequired && "",
          "from opentelemetry import trace",
          "from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter",
          "from opentelemetry.sdk.resources import Resource",
          "from opentelemetry.sdk.trace import TracerProvider",
          "from opentelemetry.sdk.trace.export import BatchSpanProcessor",
          "",
          `provider = TracerProvider(resource=Resource.create({"service.name": ${codeString(EXAMPLE_SERVICE_NAME)}}))`,
          `provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter${exporterArgs}))`,
          "trace.set_tracer_provider(provider)",
          "",
          `tracer = trace.get_tracer(${codeString(EXAMPLE_SERVICE_NAME)})`,
          'with tracer.start_as_current_span("answer"):',
          "    ...  # your agent's work",
        ),
      },
      {
        caption: "Or configure the exporter by environment instead (opentelemetry-instrument, or OTLPSpanExporter() without arguments)",
        language: "shell",
        code: lines(exporterEnv(endpoints, "http", apiKeyRequired), exportLine("OTEL_SERVICE_NAME", EXAMPLE_SERVICE_NAME)),
      },
    ],
    next: "Then run your program; spans are sent in batches and flushed when it exits.",
  };
}

function otelJsGuide({ endpoints, apiKeyRequired }: SnippetOptions): SetupGuide {
  return {
    id: "otel-js",
    label: "OpenTelemetry JS",
    snippets: [
      {
        caption: "Install the Node SDK and the OTLP/HTTP protobuf exporter",
        language: "shell",
        code: "npm install @opentelemetry/api @opentelemetry/sdk-node @opentelemetry/exporter-trace-otlp-proto",
      },
      ...keySnippet(apiKeyRequired),
      {
        caption: "At start-up, in an ES module (it awaits at the top level)",
        language: "typescript",
        code: lines(
          'import { trace } from "@opentelemetry/api";',
          'import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";',
          'import { NodeSDK } from "@opentelemetry/sdk-node";',
          "",
          "const sdk = new NodeSDK({",
          `  serviceName: ${codeString(EXAMPLE_SERVICE_NAME)},`,
          "  traceExporter: new OTLPTraceExporter({",
          `    url: ${codeString(tracesUrl(endpoints))},`,
          apiKeyRequired && '    headers: { "x-codon-api-key": process.env.CODON_API_KEY ?? "" },',
          "  }),",
          "});",
          "sdk.start();",
          "",
          `const tracer = trace.getTracer(${codeString(EXAMPLE_SERVICE_NAME)});`,
          'await tracer.startActiveSpan("answer", async (span) => {',
          "  try {",
          "    // your agent's work",
          "  } finally {",
          "    span.end();",
          "  }",
          "});",
          "await sdk.shutdown(); // flushes pending spans",
        ),
      },
    ],
    next: "Then run your program with Node.js 20 or newer.",
  };
}

function typeScriptGuide({ endpoints, apiKeyRequired }: SnippetOptions): SetupGuide {
  return {
    id: "typescript",
    label: "TypeScript (this repo's SDK)",
    snippets: [
      {
        caption: "Set the environment",
        language: "shell",
        code: lines(
          exportLine("OTEL_EXPORTER_OTLP_ENDPOINT", endpoints.grpc),
          exportLine("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", `or http/protobuf, http/json with ${endpoints.http}`),
          apiKeyRequired && exportLine("CODON_API_KEY", API_KEY_PLACEHOLDER),
        ),
      },
      {
        caption: "In qa-agent.ts at the root of this repository",
        language: "typescript",
        code: lines(
          'import { CodonWorkload } from "./sdk"; // the sdk/ folder of this repository',
          'import { startCodonTelemetry } from "./sdk/otel";',
          "",
          `const telemetry = startCodonTelemetry({ serviceName: ${codeString(EXAMPLE_SERVICE_NAME)} });`,
          'const agent = new CodonWorkload({ name: "QA Agent", version: "0.1.0", observer: telemetry.observer });',
          "agent.addNode(async (question, { runtime }) => {",
          '  runtime.recordUsage({ model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens: 420, outputTokens: 96 });',
          "  return `answer to ${String(question)}`;",
          '}, { name: "answer", role: "llm", modelName: "gpt-4o-mini" });',
          'await agent.execute("What is OTLP?");',
          "await telemetry.shutdown(); // flushes spans and audit log records",
        ),
      },
    ],
    next: "Then run npx tsx qa-agent.ts.",
  };
}

function keySnippet(apiKeyRequired: boolean): Snippet[] {
  return apiKeyRequired
    ? [{ caption: "Set your API key", language: "shell", code: exportLine("CODON_API_KEY", API_KEY_PLACEHOLDER) }]
    : [];
}

/** Joins code lines, leaving out the `false` ones that conditional lines produce. */
function lines(...items: (string | false)[]): string {
  return items.filter((item): item is string => item !== false).join("\n");
}
