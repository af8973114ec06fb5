import { describe, expect, it } from "vitest";
import { demoSettings } from "@/demo/targets";

describe("demoSettings", () => {
  it("defaults to the server's default ports on localhost", () => {
    expect(demoSettings({})).toEqual({ grpc: "http://localhost:4317", http: "http://localhost:4318", apiKey: undefined, dashboardUrl: "http://localhost:3000" });
  });

  it("takes the ports the server was started with", () => {
    expect(demoSettings({ OTLP_GRPC_PORT: "14317", OTLP_HTTP_PORT: "14318", PORT: "3210", CODON_API_KEY: "cok_x" })).toEqual({
      grpc: "http://localhost:14317",
      http: "http://localhost:14318",
      apiKey: "cok_x",
      dashboardUrl: "http://localhost:3210",
    });
  });

  it("uses OTEL_EXPORTER_OTLP_ENDPOINT for the transport its protocol names, and its host for the other", () => {
    expect(demoSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4317" })).toMatchObject({ grpc: "http://collector:4317", http: "http://collector:4318", dashboardUrl: "http://collector:3000" });
    expect(demoSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "https://obs.example:9443/", OTEL_EXPORTER_OTLP_PROTOCOL: "http/protobuf", OTLP_GRPC_PORT: "9317" })).toMatchObject({
      grpc: "https://obs.example:9317",
      http: "https://obs.example:9443",
    });
  });

  it("lets DASHBOARD_URL name the dashboard", () => {
    expect(demoSettings({ DASHBOARD_URL: "https://obs.example/" }).dashboardUrl).toBe("https://obs.example");
  });
});
