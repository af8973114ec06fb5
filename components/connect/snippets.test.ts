import { describe, expect, it } from "vitest";
import { exportLine, shellValue } from "@/components/connect/shell";
import { exporterEnv, setupGuides, tracesUrl, type GuideId, type SetupGuide } from "@/components/connect/snippets";

const endpoints = { grpc: "http://collector.local:14317", http: "http://collector.local:14318" };

function guide(id: GuideId, apiKeyRequired: boolean): SetupGuide {
  const found = setupGuides({ endpoints, apiKeyRequired }).find((g) => g.id === id);
  if (!found) throw new Error(`no guide ${id}`);
  return found;
}

const allCode = (g: SetupGuide) => g.snippets.map((s) => s.code).join("\n");

describe("shell lines", () => {
  it("leaves plain values bare and quotes what the shell would read as syntax", () => {
    expect(shellValue("http://localhost:4317")).toBe("http://localhost:4317");
    expect(shellValue("http/protobuf")).toBe("http/protobuf");
    expect(shellValue("<your-api-key>")).toBe("'<your-api-key>'");
    expect(shellValue("http://[::1]:4317")).toBe("'http://[::1]:4317'");
    expect(shellValue("it's")).toBe(`'it'\\''s'`);
  });

  it("adds a comment after two spaces", () => {
    expect(exportLine("A", "b")).toBe("export A=b");
    expect(exportLine("A", "b", "why")).toBe("export A=b  # why");
  });
});

describe("setup guides", () => {
  it("offers the four SDKs in a fixed order", () => {
    expect(setupGuides({ endpoints, apiKeyRequired: false }).map((g) => g.id)).toEqual(["codon-python", "otel-python", "otel-js", "typescript"]);
  });

  it("points the Codon Python SDK at the gRPC endpoint and initialises it", () => {
    const code = allCode(guide("codon-python", false));
    expect(code).toContain("pip install codon-sdk");
    expect(code).toContain(`export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoints.grpc}`);
    expect(code).toContain("export OTEL_SERVICE_NAME=qa-agent");
    expect(code).toContain("from codon_sdk.instrumentation import initialize_telemetry");
    expect(code).toContain("initialize_telemetry()");
    expect(code).not.toContain("CODON_API_KEY");
    expect(guide("codon-python", false).next).toBe("Then run your workload as usual.");
  });

  it("sets CODON_API_KEY for the Codon SDK only when keys are on", () => {
    expect(allCode(guide("codon-python", true))).toContain("export CODON_API_KEY='<your-api-key>'");
  });

  it("builds OpenTelemetry Python over HTTP to /v1/traces, with the env alternative", () => {
    const code = allCode(guide("otel-python", false));
    expect(code).toContain("pip install opentelemetry-sdk opentelemetry-exporter-otlp");
    expect(code).toContain(`OTLPSpanExporter(endpoint="${endpoints.http}/v1/traces")`);
    expect(code).toContain("BatchSpanProcessor(");
    expect(code).toContain("TracerProvider(");
    expect(code).toContain(`export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoints.http}`);
    expect(code).toContain("export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf");
    expect(code).not.toMatch(/import os|x-codon-api-key|CODON_API_KEY/);
  });

  it("sends the key header from OpenTelemetry Python when keys are on", () => {
    const code = allCode(guide("otel-python", true));
    expect(code).toContain("import os");
    expect(code).toContain(`headers={"x-codon-api-key": os.environ["CODON_API_KEY"]}`);
    expect(code).toContain("export OTEL_EXPORTER_OTLP_HEADERS='x-codon-api-key=<your-api-key>'");
  });

  it("builds OpenTelemetry JS with the proto exporter's full traces URL", () => {
    const code = allCode(guide("otel-js", false));
    expect(code).toContain("@opentelemetry/sdk-node @opentelemetry/exporter-trace-otlp-proto");
    expect(code).toContain(`url: "${endpoints.http}/v1/traces",`);
    expect(code).toContain("sdk.start();");
    expect(code).not.toContain("x-codon-api-key");
    expect(allCode(guide("otel-js", true))).toContain('headers: { "x-codon-api-key": process.env.CODON_API_KEY ?? "" },');
  });

  it("shows this repository's SDK in the agreed shape, with its environment above", () => {
    const off = guide("typescript", false);
    const [env, code] = off.snippets;
    expect(env?.code.split("\n")).toEqual([
      `export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoints.grpc}`,
      `export OTEL_EXPORTER_OTLP_PROTOCOL=grpc  # or http/protobuf, http/json with ${endpoints.http}`,
    ]);
    expect(code?.code).toContain('import { CodonWorkload } from "./sdk"; // the sdk/ folder of this repository');
    expect(code?.code).toContain('import { startCodonTelemetry } from "./sdk/otel";');
    expect(code?.code).toContain('const telemetry = startCodonTelemetry({ serviceName: "qa-agent" });');
    expect(code?.code).toContain("  return `answer to ${String(question)}`;");
    expect(code?.code).toContain("await telemetry.shutdown(); // flushes spans and audit log records");
    expect(guide("typescript", true).snippets[0]?.code).toContain("export CODON_API_KEY='<your-api-key>'");
  });

  it("puts the live endpoints in every guide", () => {
    for (const g of setupGuides({ endpoints, apiKeyRequired: false })) {
      expect(allCode(g), g.id).toMatch(/collector\.local:1431[78]/);
    }
  });

  it("quotes IPv6 endpoints in shell lines but not in code", () => {
    const v6 = { grpc: "http://[::1]:4317", http: "http://[::1]:4318" };
    expect(exporterEnv(v6, "grpc", false)).toBe("export OTEL_EXPORTER_OTLP_ENDPOINT='http://[::1]:4317'\nexport OTEL_EXPORTER_OTLP_PROTOCOL=grpc");
    expect(tracesUrl(v6)).toBe("http://[::1]:4318/v1/traces");
  });

  it("gives the plain exporter settings for either transport, with the header when keys are on", () => {
    expect(exporterEnv(endpoints, "http", true).split("\n")).toEqual([
      `export OTEL_EXPORTER_OTLP_ENDPOINT=${endpoints.http}`,
      "export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
      "export OTEL_EXPORTER_OTLP_HEADERS='x-codon-api-key=<your-api-key>'",
    ]);
  });
});
