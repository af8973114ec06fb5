import { CodonError } from "../errors";

export const OTLP_PROTOCOLS = ["grpc", "http/protobuf", "http/json"] as const;
export type OtlpProtocol = (typeof OTLP_PROTOCOLS)[number];

/** gRPC is the Codon SDK's exporter, so it is the default here too. */
export const DEFAULT_PROTOCOL: OtlpProtocol = "grpc";
export const DEFAULT_GRPC_ENDPOINT = "http://localhost:4317";
export const DEFAULT_HTTP_ENDPOINT = "http://localhost:4318";
export const DEFAULT_SERVICE_NAME = "unknown_codon_service";
export const API_KEY_HEADER = "x-codon-api-key";

export interface ExportSettings {
  /** Defaults to `OTEL_EXPORTER_OTLP_PROTOCOL`, then `grpc`. */
  protocol?: OtlpProtocol;
  /** Base endpoint; defaults to `OTEL_EXPORTER_OTLP_ENDPOINT`, then localhost:4317 (gRPC) or :4318 (HTTP). */
  endpoint?: string;
  /** Sent as `x-codon-api-key`; defaults to `CODON_API_KEY`. */
  apiKey?: string;
  /** `service.name`; defaults to `OTEL_SERVICE_NAME`, then `unknown_codon_service` (as the Python SDK). */
  serviceName?: string;
}

export interface ResolvedExport {
  readonly protocol: OtlpProtocol;
  /** Where spans go: the gRPC target, or the full `/v1/traces` URL. */
  readonly tracesUrl: string;
  readonly logsUrl: string;
  readonly apiKey: string | null;
  readonly serviceName: string;
}

export class TelemetryConfigError extends CodonError {}

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Options win over the environment. Signal-specific variables (`OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`)
 * are full URLs and used as they are; the base endpoint gets `/v1/traces` / `/v1/logs` over HTTP,
 * as the OTLP exporter specification says.
 */
export function resolveExport(settings: ExportSettings = {}, env: Env = process.env): ResolvedExport {
  const protocol = parseProtocol(settings.protocol ?? nonEmpty(env.OTEL_EXPORTER_OTLP_PROTOCOL) ?? DEFAULT_PROTOCOL);
  const grpc = protocol === "grpc";
  const base = checkUrl(settings.endpoint ?? nonEmpty(env.OTEL_EXPORTER_OTLP_ENDPOINT) ?? (grpc ? DEFAULT_GRPC_ENDPOINT : DEFAULT_HTTP_ENDPOINT));
  const signalUrl = (signal: "traces" | "logs"): string => {
    const specific = settings.endpoint ? undefined : nonEmpty(env[`OTEL_EXPORTER_OTLP_${signal.toUpperCase()}_ENDPOINT`]);
    if (specific) return checkUrl(specific);
    return grpc ? base : `${base.replace(/\/+$/, "")}/v1/${signal}`;
  };
  return {
    protocol,
    tracesUrl: signalUrl("traces"),
    logsUrl: signalUrl("logs"),
    apiKey: settings.apiKey ?? nonEmpty(env.CODON_API_KEY) ?? null,
    serviceName: settings.serviceName ?? nonEmpty(env.OTEL_SERVICE_NAME) ?? DEFAULT_SERVICE_NAME,
  };
}

function parseProtocol(value: string): OtlpProtocol {
  const protocol = value.trim().toLowerCase();
  if ((OTLP_PROTOCOLS as readonly string[]).includes(protocol)) return protocol as OtlpProtocol;
  throw new TelemetryConfigError(`OTLP protocol "${value}" is not supported; use one of ${OTLP_PROTOCOLS.join(", ")}`);
}

function checkUrl(value: string): string {
  const url = value.trim();
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TelemetryConfigError(`OTLP endpoint "${value}" is not a URL; expected e.g. ${DEFAULT_GRPC_ENDPOINT}`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new TelemetryConfigError(`OTLP endpoint "${value}" must start with http:// or https://`);
  }
  return url;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== "" ? value.trim() : undefined;
}
