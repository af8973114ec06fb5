import { DEFAULT_GRPC_ENDPOINT, DEFAULT_HTTP_ENDPOINT } from "../sdk/otel";
import type { DemoTargets } from "./run-demo";

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
  const configured = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || null;
  const protocol = env.OTEL_EXPORTER_OTLP_PROTOCOL?.trim().toLowerCase() || "grpc";
  const host = configured ? new URL(configured).hostname : "localhost";
  const scheme = configured ? new URL(configured).protocol : "http:";
  const at = (port: string | undefined, fallback: string) => (port ? `${scheme}//${host}:${port}` : configured ? `${scheme}//${host}:${new URL(fallback).port}` : fallback);
  const grpc = configured && protocol === "grpc" ? configured : at(env.OTLP_GRPC_PORT, DEFAULT_GRPC_ENDPOINT);
  const http = configured && protocol.startsWith("http") ? configured : at(env.OTLP_HTTP_PORT, DEFAULT_HTTP_ENDPOINT);
  const dashboardUrl = (env.DASHBOARD_URL?.trim() || `http://${host === "0.0.0.0" ? "localhost" : host}:${env.PORT?.trim() || "3000"}`).replace(/\/+$/, "");
  return { grpc, http, apiKey: env.CODON_API_KEY?.trim() || undefined, dashboardUrl };
}
