import { describe, expect, it } from "vitest";
import { resolveExport, TelemetryConfigError } from "./config";

describe("resolveExport", () => {
  it("defaults to gRPC on localhost:4317, like the Codon Python SDK", () => {
    expect(resolveExport({}, {})).toEqual({
      protocol: "grpc",
      tracesUrl: "http://localhost:4317",
      logsUrl: "http://localhost:4317",
      apiKey: null,
      serviceName: "unknown_codon_service",
    });
  });

  it("reads the standard OTel variables and CODON_API_KEY", () => {
    const env = {
      OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf",
      OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/",
      CODON_API_KEY: "cok_secret",
      OTEL_SERVICE_NAME: "qa-agent",
    };
    expect(resolveExport({}, env)).toEqual({
      protocol: "http/protobuf",
      tracesUrl: "http://collector:4318/v1/traces",
      logsUrl: "http://collector:4318/v1/logs",
      apiKey: "cok_secret",
      serviceName: "qa-agent",
    });
  });

  it("uses the HTTP default port for HTTP protocols and signal-specific endpoints as given", () => {
    const resolved = resolveExport({}, { OTEL_EXPORTER_OTLP_PROTOCOL: "HTTP/JSON", OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: "https://logs.example/ingest" });
    expect(resolved).toMatchObject({ protocol: "http/json", tracesUrl: "http://localhost:4318/v1/traces", logsUrl: "https://logs.example/ingest" });
  });

  it("lets options win over the environment", () => {
    const env = { OTEL_EXPORTER_OTLP_PROTOCOL: "http/json", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://other:1/v1/traces", CODON_API_KEY: "from-env" };
    expect(resolveExport({ protocol: "grpc", endpoint: "http://127.0.0.1:14317", apiKey: "from-options", serviceName: "svc" }, env)).toEqual({
      protocol: "grpc",
      tracesUrl: "http://127.0.0.1:14317",
      logsUrl: "http://127.0.0.1:14317",
      apiKey: "from-options",
      serviceName: "svc",
    });
  });

  it("refuses an unknown protocol or an endpoint that is not an http(s) URL, saying what is allowed", () => {
    expect(() => resolveExport({}, { OTEL_EXPORTER_OTLP_PROTOCOL: "udp" })).toThrow(
      new TelemetryConfigError('OTLP protocol "udp" is not supported; use one of grpc, http/protobuf, http/json'),
    );
    expect(() => resolveExport({ endpoint: "localhost:4317" }, {})).toThrow(/must start with http:\/\/ or https:\/\//);
    expect(() => resolveExport({ endpoint: "not a url" }, {})).toThrow(/is not a URL/);
  });
});
