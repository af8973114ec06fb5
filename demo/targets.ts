import { DEFAULT_GRPC_ENDPOINT, DEFAULT_HTTP_ENDPOINT } from "@/sdk/otel";
import type { DemoTargets } from "@/demo/run-demo";

type Env = Readonly<Record<string, string | undefined>>;

export interface DemoSettings extends DemoTargets {
  dashboardUrl: string;
}

/**
 * The demo sends over both transports, so it needs both endpoints. `OTEL_EXPORTER_OTLP_ENDPOINT`
 * names one of them (which one by `OTEL_EXPORTER_OTLP_PROTOCOL`, gRPC by default, as for the SDK);
 * the other is on the same host at the port the server uses (`OTLP_GRPC_PORT` / `OTLP_HTTP_PORT`).
 */
export function demoSettings(env: Env = process.env): DemoSettings {
  const configured = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() ? new URL(env.OTEL_EXPORTER_OTLP_ENDPOINT.trim()) : null;
  const grpcConfigured = (env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim().toLowerCase() || "grpc") === "grpc";
  const base = `${configured?.protocol ?? "http:"}//${configured?.hostname ?? "localhost"}`;
  // The transport the variable does not name: same host, the server's port for it.
  const sibling = (port: string | undefined, fallback: string) => `${base}:${port?.trim() || new URL(fallback).port}`;
  const grpc = configured && grpcConfigured ? configured.href.replace(/\/$/, "") : sibling(env.OTLP_GRPC_PORT, DEFAULT_GRPC_ENDPOINT);
  const http = configured && !grpcConfigured ? configured.href.replace(/\/$/, "") : sibling(env.OTLP_HTTP_PORT, DEFAULT_HTTP_ENDPOINT);
  const host = configured && configured.hostname !== "0.0.0.0" ? configured.hostname : "localhost";
  const dashboardUrl = (env.DASHBOARD_URL?.trim() || `http://${host}:${env.PORT?.trim() || "3000"}`).replace(/\/+$/, "");
  return { grpc, http, apiKey: env.CODON_API_KEY?.trim() || undefined, dashboardUrl };
}
