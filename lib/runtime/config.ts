import path from "node:path";
import { z } from "zod";
import { DEFAULT_MAX_DAG_NODES } from "@/lib/runtime/dag-limit";
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS } from "@/lib/retention/policy";
import { DEFAULT_VERDICT_SETTINGS } from "@/lib/verdicts/settings";
import type { VerdictSettings } from "@/lib/verdicts/types";
import { DEFAULT_OIDC_LABEL, type OidcSettings } from "@/lib/auth/oidc/settings";

/** Every environment variable the server reads. README's configuration table lists the same set. */
export interface AppConfig {
  /** Interface to bind; undefined: loopback while no API key exists, every interface (IPv4 and IPv6) once one does. */
  host: string | undefined;
  port: number;
  otlpGrpcPort: number;
  otlpHttpPort: number;
  /** PostgreSQL connection string; null selects the embedded PGlite database. */
  databaseUrl: string | null;
  /** A read replica of that database for the dashboard's read-only queries; null: they read the primary. */
  databaseReadUrl: string | null;
  /** Folder of the embedded database (used only when databaseUrl is null). */
  dataDir: string;
  otlpMaxBodyBytes: number;
  /** What one OTLP export may hold, enforced while decoding (collector/decode/limits.ts). */
  otlpLimits: OtlpLimits;
  runIdleSeconds: number;
  /** Runs whose last activity is older than this many days are deleted (0: kept for ever); a tenant may override it. */
  retentionDays: number;
  shutdownTimeoutMs: number;
  /** Live (SSE) streams: caps on open ones, and how long an unknown workflow id is waited for. */
  liveStreams: { maxPerClient: number; maxPerTenant: number; maxTotal: number; unknownIdWaitMs: number };
  /** Host names the dashboard and API answer to, besides the loopback names (`*`: any); null: derived from the bind address. */
  allowedHosts: string[] | null;
  /** Distinct nodes a run's DAG draws at most; the rest are counted as omitted (the run is stored and listed whole). */
  maxDagNodes: number;
  /** Trust one proxy hop's X-Forwarded-For / X-Forwarded-Proto (client address, https). */
  trustProxy: boolean;
  /** PEM certificate chain and private key: the dashboard and both receivers serve TLS; null: plain. */
  tls: TlsFilePaths | null;
  /** The collector's durable queue of acknowledged exports (collector/spool); maxBytes 0 turns it off. */
  spool: SpoolConfig;
  /** Estimated memory exports being received may hold at once; past it they are refused as retryable (collector/pipeline/ingest-memory.ts). */
  ingestMemoryBytes: number;
  /** Version verdicts (collector/verdicts): what they are judged by, and how often they are brought up to date. */
  verdicts: { settings: VerdictSettings; intervalMs: number };
  /** Alert rules: the hosts their webhooks may be sent to (none: no webhooks), and how often they are evaluated. */
  alerts: { webhookHosts: string[]; intervalMs: number };
  /** The tamper-evident ledger (collector/ledger): the signing key (PEM given, else the file, made at first start) and how often runs are sealed and seals signed. */
  ledger: { signingKeyPem: string | null; keyFile: string; sealIntervalMs: number; checkpointIntervalMs: number };
  /** OpenID Connect sign-in (lib/auth/oidc); null: off (OIDC_ISSUER unset). */
  oidc: OidcSettings | null;
}

export interface SpoolConfig {
  dir: string;
  maxBytes: number;
}

export interface TlsFilePaths {
  certFile: string;
  keyFile: string;
}

/** OTel SDK-style limits on one export; see collector/decode/limits.ts for how each applies. */
export interface OtlpLimits {
  maxSpansPerExport: number;
  maxValuesPerExport: number;
  maxAttributes: number;
  maxEventsPerSpan: number;
  maxLinksPerSpan: number;
  maxAttributeKeyLength: number;
  maxAttributeValueLength: number;
  maxAnyValueDepth: number;
}

export const DEFAULT_OTLP_LIMITS: Readonly<OtlpLimits> = {
  maxSpansPerExport: 8192,
  maxValuesPerExport: 262_144,
  maxAttributes: 128,
  maxEventsPerSpan: 128,
  maxLinksPerSpan: 128,
  maxAttributeKeyLength: 256,
  maxAttributeValueLength: 262_144,
  maxAnyValueDepth: 64,
};

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const port = (fallback: number) =>
  z.coerce.number().int().min(0).max(65535).default(fallback);

const postgresUrl = z
  .string()
  .trim()
  .optional()
  .refine((v) => !v || /^postgres(ql)?:\/\//.test(v), "must start with postgres:// or postgresql://");

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** https, or http to this machine only (a provider run locally for development and tests). */
function isIssuerUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.search || url.hash || url.username || url.password) return false;
    return url.protocol === "https:" || (url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname));
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const envSchema = z.object({
  HOST: z.string().trim().min(1).optional(),
  PORT: port(3000),
  OTLP_GRPC_PORT: port(4317),
  OTLP_HTTP_PORT: port(4318),
  DATABASE_URL: postgresUrl,
  DATABASE_READ_URL: postgresUrl,
  DATA_DIR: z.string().trim().min(1).default("./.data"),
  OTLP_MAX_BODY_BYTES: z.coerce.number().int().positive().default(16 * 1024 * 1024),
  OTLP_MAX_SPANS_PER_EXPORT: positiveInt(DEFAULT_OTLP_LIMITS.maxSpansPerExport),
  OTLP_MAX_VALUES_PER_EXPORT: positiveInt(DEFAULT_OTLP_LIMITS.maxValuesPerExport),
  OTLP_ATTRIBUTE_COUNT_LIMIT: positiveInt(DEFAULT_OTLP_LIMITS.maxAttributes),
  OTLP_SPAN_EVENT_COUNT_LIMIT: positiveInt(DEFAULT_OTLP_LIMITS.maxEventsPerSpan),
  OTLP_SPAN_LINK_COUNT_LIMIT: positiveInt(DEFAULT_OTLP_LIMITS.maxLinksPerSpan),
  OTLP_ATTRIBUTE_KEY_LENGTH_LIMIT: positiveInt(DEFAULT_OTLP_LIMITS.maxAttributeKeyLength),
  OTLP_ATTRIBUTE_VALUE_LENGTH_LIMIT: positiveInt(DEFAULT_OTLP_LIMITS.maxAttributeValueLength),
  OTLP_MAX_NESTING_DEPTH: z.coerce.number().int().positive().max(1000).default(DEFAULT_OTLP_LIMITS.maxAnyValueDepth),
  RUN_IDLE_SECONDS: z.coerce.number().positive().default(30),
  RETENTION_DAYS: z.coerce.number().int().min(0).max(MAX_RETENTION_DAYS).default(DEFAULT_RETENTION_DAYS),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(4500),
  SSE_MAX_STREAMS_PER_CLIENT: z.coerce.number().int().positive().default(50),
  SSE_MAX_STREAMS_PER_TENANT: z.coerce.number().int().positive().default(200),
  SSE_MAX_STREAMS: z.coerce.number().int().positive().default(1000),
  SSE_UNKNOWN_ID_WAIT_SECONDS: z.coerce.number().positive().max(3600).default(30),
  MAX_DAG_NODES: z.coerce.number().int().positive().max(100_000).default(DEFAULT_MAX_DAG_NODES),
  ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((entry) => entry.trim()).filter(Boolean) : null))
    .refine((v) => !v || v.every((entry) => /^(\*|\.?[A-Za-z0-9_.:[\]-]+)$/.test(entry)), "comma-separated host names or addresses, `.example.com` for a domain and its subdomains, or *"),
  TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .refine((v) => v === undefined || ["1", "true", "yes", "0", "false", "no"].includes(v), "use true or false")
    .transform((v) => v === "1" || v === "true" || v === "yes"),
  SPOOL_DIR: z.string().trim().min(1).optional(),
  SPOOL_MAX_BYTES: z.coerce.number().int().min(0).default(1024 * 1024 * 1024),
  INGEST_MEMORY_MB: z.coerce.number().int().min(8).max(1_048_576).default(128),
  VERDICT_MIN_RUNS: z.coerce.number().int().min(5).max(100_000).default(DEFAULT_VERDICT_SETTINGS.minRuns),
  VERDICT_MIN_EFFECT: z.coerce.number().min(0).max(10).default(DEFAULT_VERDICT_SETTINGS.minEffect),
  VERDICT_INTERVAL_SECONDS: z.coerce.number().min(1).max(86_400).default(60),
  ALERT_WEBHOOK_HOSTS: z
    .string()
    .optional()
    .transform((v) => (v ? v.split(",").map((entry) => entry.trim().toLowerCase()).filter(Boolean) : []))
    .refine((v) => v.every((entry) => /^\.?[a-z0-9_.:[\]-]+$/.test(entry)), "comma-separated host names or addresses, `.example.com` for a domain's subdomains"),
  ALERT_INTERVAL_SECONDS: z.coerce.number().min(1).max(86_400).default(60),
  AUDIT_SIGNING_KEY: z.string().trim().min(1).optional(),
  AUDIT_SIGNING_KEY_FILE: z.string().trim().min(1).optional(),
  AUDIT_SEAL_SECONDS: z.coerce.number().min(1).max(3_600).default(5),
  AUDIT_CHECKPOINT_SECONDS: z.coerce.number().min(1).max(86_400).default(60),
  TLS_CERT_FILE: z.string().trim().min(1).optional(),
  TLS_KEY_FILE: z.string().trim().min(1).optional(),
  OIDC_ISSUER: z.string().trim().max(2048).optional().refine((v) => v === undefined || isIssuerUrl(v), "an https URL (http only on localhost), without query or fragment"),
  OIDC_CLIENT_ID: z.string().trim().max(512).optional(),
  OIDC_CLIENT_SECRET: z.string().trim().max(2048).optional(),
  OIDC_REDIRECT_URL: z.string().trim().max(2048).optional().refine((v) => v === undefined || isHttpUrl(v), "an absolute http(s) URL ending in /api/v1/session/oidc/callback"),
  OIDC_LABEL: z.string().trim().max(60).default(DEFAULT_OIDC_LABEL),
}).refine((e) => (e.TLS_CERT_FILE === undefined) === (e.TLS_KEY_FILE === undefined), {
  message: "set both TLS_CERT_FILE and TLS_KEY_FILE, or neither",
  path: ["TLS_CERT_FILE"],
}).refine((e) => !e.OIDC_ISSUER || (e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET), {
  message: "OpenID Connect needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET too (the client registered at the provider)",
  path: ["OIDC_ISSUER"],
}).refine((e) => e.OIDC_ISSUER || !(e.OIDC_CLIENT_ID || e.OIDC_CLIENT_SECRET || e.OIDC_REDIRECT_URL), {
  message: "set OIDC_ISSUER too, or unset the other OIDC_ variables (without an issuer, SSO is off)",
  path: ["OIDC_ISSUER"],
}).refine((e) => !e.DATABASE_READ_URL || e.DATABASE_URL, {
  message: "a read replica needs its primary: set DATABASE_URL too (the embedded database has no replica)",
  path: ["DATABASE_READ_URL"],
});

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Reads the configuration; an invalid value throws a ConfigError naming the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): AppConfig {
  // Treat empty strings as unset, as shells and compose files often export VAR= for "no value".
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ""),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
      .join("; ");
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    host: e.HOST,
    port: e.PORT,
    otlpGrpcPort: e.OTLP_GRPC_PORT,
    otlpHttpPort: e.OTLP_HTTP_PORT,
    databaseUrl: e.DATABASE_URL || null,
    databaseReadUrl: e.DATABASE_READ_URL || null,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    otlpMaxBodyBytes: e.OTLP_MAX_BODY_BYTES,
    otlpLimits: {
      maxSpansPerExport: e.OTLP_MAX_SPANS_PER_EXPORT,
      maxValuesPerExport: e.OTLP_MAX_VALUES_PER_EXPORT,
      maxAttributes: e.OTLP_ATTRIBUTE_COUNT_LIMIT,
      maxEventsPerSpan: e.OTLP_SPAN_EVENT_COUNT_LIMIT,
      maxLinksPerSpan: e.OTLP_SPAN_LINK_COUNT_LIMIT,
      maxAttributeKeyLength: e.OTLP_ATTRIBUTE_KEY_LENGTH_LIMIT,
      maxAttributeValueLength: e.OTLP_ATTRIBUTE_VALUE_LENGTH_LIMIT,
      maxAnyValueDepth: e.OTLP_MAX_NESTING_DEPTH,
    },
    runIdleSeconds: e.RUN_IDLE_SECONDS,
    retentionDays: e.RETENTION_DAYS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    liveStreams: {
      maxPerClient: e.SSE_MAX_STREAMS_PER_CLIENT,
      maxPerTenant: e.SSE_MAX_STREAMS_PER_TENANT,
      maxTotal: e.SSE_MAX_STREAMS,
      unknownIdWaitMs: Math.round(e.SSE_UNKNOWN_ID_WAIT_SECONDS * 1000),
    },
    allowedHosts: e.ALLOWED_HOSTS?.length ? e.ALLOWED_HOSTS : null,
    maxDagNodes: e.MAX_DAG_NODES,
    trustProxy: e.TRUST_PROXY,
    tls: e.TLS_CERT_FILE && e.TLS_KEY_FILE ? { certFile: path.resolve(cwd, e.TLS_CERT_FILE), keyFile: path.resolve(cwd, e.TLS_KEY_FILE) } : null,
    spool: {
      dir: e.SPOOL_DIR ? path.resolve(cwd, e.SPOOL_DIR) : path.join(path.resolve(cwd, e.DATA_DIR), "spool"),
      maxBytes: e.SPOOL_MAX_BYTES,
    },
    ingestMemoryBytes: e.INGEST_MEMORY_MB * 1024 * 1024,
    verdicts: {
      settings: { ...DEFAULT_VERDICT_SETTINGS, minRuns: e.VERDICT_MIN_RUNS, minEffect: e.VERDICT_MIN_EFFECT },
      intervalMs: Math.round(e.VERDICT_INTERVAL_SECONDS * 1000),
    },
    alerts: { webhookHosts: e.ALERT_WEBHOOK_HOSTS, intervalMs: Math.round(e.ALERT_INTERVAL_SECONDS * 1000) },
    ledger: {
      signingKeyPem: e.AUDIT_SIGNING_KEY ?? null,
      keyFile: e.AUDIT_SIGNING_KEY_FILE ? path.resolve(cwd, e.AUDIT_SIGNING_KEY_FILE) : path.join(path.resolve(cwd, e.DATA_DIR), "audit-signing-key.pem"),
      sealIntervalMs: Math.round(e.AUDIT_SEAL_SECONDS * 1000),
      checkpointIntervalMs: Math.round(e.AUDIT_CHECKPOINT_SECONDS * 1000),
    },
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, redirectUrl: e.OIDC_REDIRECT_URL ?? null, label: e.OIDC_LABEL }
        : null,
  };
}

/** The database as a user would recognise it in logs, without the password. */
export function describeDatabase(config: Pick<AppConfig, "databaseUrl" | "dataDir">): string {
  if (!config.databaseUrl) return `embedded PGlite in ${config.dataDir}`;
  try {
    const url = new URL(config.databaseUrl);
    return `PostgreSQL at ${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "PostgreSQL (DATABASE_URL)";
  }
}
