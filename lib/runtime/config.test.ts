import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, DEFAULT_OTLP_LIMITS, describeDatabase, loadConfig } from "@/lib/runtime/config";

describe("loadConfig", () => {
  it("has defaults that need no set-up", () => {
    const config = loadConfig({}, "/srv/app");
    expect(config).toEqual({
      host: undefined,
      port: 3000,
      otlpGrpcPort: 4317,
      otlpHttpPort: 4318,
      databaseUrl: null,
      databaseReadUrl: null,
      dataDir: path.resolve("/srv/app", ".data"),
      otlpMaxBodyBytes: 16 * 1024 * 1024,
      otlpLimits: DEFAULT_OTLP_LIMITS,
      runIdleSeconds: 30,
      retentionDays: 30,
      shutdownTimeoutMs: 4500,
      liveStreams: { maxPerClient: 50, maxPerTenant: 200, maxTotal: 1000, unknownIdWaitMs: 30_000 },
      allowedHosts: null,
      maxDagNodes: 500,
      trustProxy: false,
      tls: null,
      spool: { dir: path.resolve("/srv/app", ".data", "spool"), maxBytes: 1024 * 1024 * 1024 },
      ingestMemoryBytes: 128 * 1024 * 1024,
      verdicts: { settings: { minRuns: 20, minEffect: 0.1, alpha: 0.05, confidence: 0.95 }, intervalMs: 60_000 },
      alerts: { webhookHosts: [], intervalMs: 60_000 },
      ledger: { signingKeyPem: null, keyFile: path.resolve("/srv/app", ".data", "audit-signing-key.pem"), sealIntervalMs: 5000, checkpointIntervalMs: 60_000 },
      oidc: null,
    });
  });

  it("turns OpenID Connect on with an issuer and its client, and refuses half a configuration", () => {
    const client = { OIDC_CLIENT_ID: "observatory", OIDC_CLIENT_SECRET: "s3cret" };
    expect(loadConfig({ OIDC_ISSUER: "https://login.example.com/realms/acme", ...client }).oidc).toEqual({
      issuer: "https://login.example.com/realms/acme",
      clientId: "observatory",
      clientSecret: "s3cret",
      redirectUrl: null,
      label: "Sign in with SSO",
    });
    const custom = loadConfig({ OIDC_ISSUER: "http://127.0.0.1:9000", ...client, OIDC_REDIRECT_URL: "https://obs.example.com/api/v1/session/oidc/callback", OIDC_LABEL: "Sign in with Acme" });
    expect(custom.oidc).toMatchObject({ redirectUrl: "https://obs.example.com/api/v1/session/oidc/callback", label: "Sign in with Acme" });
    expect(() => loadConfig({ OIDC_ISSUER: "https://login.example.com" })).toThrow(/OIDC_ISSUER: OpenID Connect needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/);
    expect(() => loadConfig({ OIDC_ISSUER: "http://login.example.com", ...client })).toThrow(/OIDC_ISSUER: an https URL/);
    expect(() => loadConfig({ OIDC_ISSUER: "https://login.example.com/?tenant=x", ...client })).toThrow(/OIDC_ISSUER/);
    expect(() => loadConfig(client)).toThrow(/OIDC_ISSUER: set OIDC_ISSUER too/);
    expect(() => loadConfig({ OIDC_ISSUER: "https://login.example.com", ...client, OIDC_REDIRECT_URL: "/callback" })).toThrow(/OIDC_REDIRECT_URL/);
  });

  it("reads the verdict settings and refuses a minimum too small to judge on", () => {
    const config = loadConfig({ VERDICT_MIN_RUNS: "50", VERDICT_MIN_EFFECT: "0.25", VERDICT_INTERVAL_SECONDS: "5" }, "/srv/app");
    expect(config.verdicts).toEqual({ settings: { minRuns: 50, minEffect: 0.25, alpha: 0.05, confidence: 0.95 }, intervalMs: 5000 });
    expect(() => loadConfig({ VERDICT_MIN_RUNS: "2" }, "/srv/app")).toThrow(/VERDICT_MIN_RUNS/);
    expect(() => loadConfig({ VERDICT_MIN_EFFECT: "-1" }, "/srv/app")).toThrow(/VERDICT_MIN_EFFECT/);
  });

  it("reads the hosts alert webhooks may go to, and refuses a URL where a host belongs", () => {
    expect(loadConfig({ ALERT_WEBHOOK_HOSTS: "hooks.slack.com, .Example.com,10.0.0.5", ALERT_INTERVAL_SECONDS: "30" }, "/srv/app").alerts).toEqual({
      webhookHosts: ["hooks.slack.com", ".example.com", "10.0.0.5"],
      intervalMs: 30_000,
    });
    expect(() => loadConfig({ ALERT_WEBHOOK_HOSTS: "https://hooks.slack.com/x" }, "/srv/app")).toThrow(/ALERT_WEBHOOK_HOSTS/);
  });

  it("takes a read replica only beside a PostgreSQL primary", () => {
    const both = loadConfig({ DATABASE_URL: "postgres://u@primary/obs", DATABASE_READ_URL: "postgres://u@replica/obs" });
    expect(both).toMatchObject({ databaseUrl: "postgres://u@primary/obs", databaseReadUrl: "postgres://u@replica/obs" });
    expect(loadConfig({ DATABASE_URL: "postgres://u@primary/obs", DATABASE_READ_URL: "" }).databaseReadUrl).toBeNull();
    expect(() => loadConfig({ DATABASE_READ_URL: "postgres://u@replica/obs" })).toThrow(/DATABASE_READ_URL: a read replica needs its primary/);
    expect(() => loadConfig({ DATABASE_URL: "postgres://u@primary/obs", DATABASE_READ_URL: "mysql://x" })).toThrow(/DATABASE_READ_URL: must start with postgres/);
  });

  it("puts the spool in the data folder unless SPOOL_DIR says otherwise, and 0 turns it off", () => {
    expect(loadConfig({ DATA_DIR: "/var/lib/obs" }, "/srv/app").spool).toEqual({ dir: "/var/lib/obs/spool", maxBytes: 1024 ** 3 });
    expect(loadConfig({ SPOOL_DIR: "spool", SPOOL_MAX_BYTES: "0" }, "/srv/app").spool).toEqual({ dir: "/srv/app/spool", maxBytes: 0 });
    expect(() => loadConfig({ SPOOL_MAX_BYTES: "-1" })).toThrow(/SPOOL_MAX_BYTES/);
  });

  it("reads the ingest memory budget in MB (128 by default) and refuses one too small to hold an export", () => {
    expect(loadConfig({}).ingestMemoryBytes).toBe(128 * 1024 * 1024);
    expect(loadConfig({ INGEST_MEMORY_MB: "64" }).ingestMemoryBytes).toBe(64 * 1024 * 1024);
    expect(() => loadConfig({ INGEST_MEMORY_MB: "2" })).toThrow(/INGEST_MEMORY_MB/);
  });

  it("reads every variable and treats empty ones as unset", () => {
    const config = loadConfig(
      { PORT: "8080", OTLP_GRPC_PORT: "14317", OTLP_HTTP_PORT: "14318", DATA_DIR: "/var/lib/obs", DATABASE_URL: "", HOST: "127.0.0.1" },
      "/srv/app",
    );
    expect(config).toMatchObject({ port: 8080, otlpGrpcPort: 14317, otlpHttpPort: 14318, dataDir: "/var/lib/obs", databaseUrl: null, host: "127.0.0.1" });
    expect(loadConfig({ DATABASE_URL: "postgres://u@db:5432/obs" }).databaseUrl).toBe("postgres://u@db:5432/obs");
    expect(loadConfig({ MAX_DAG_NODES: "2000" }).maxDagNodes).toBe(2000);
    expect(() => loadConfig({ MAX_DAG_NODES: "0" })).toThrow(/MAX_DAG_NODES/);
    expect(loadConfig({ RETENTION_DAYS: "0" }).retentionDays).toBe(0);
    expect(loadConfig({ RETENTION_DAYS: "7" }).retentionDays).toBe(7);
    expect(() => loadConfig({ RETENTION_DAYS: "1.5" })).toThrow(/RETENTION_DAYS/);
    expect(
      loadConfig({ SSE_MAX_STREAMS_PER_CLIENT: "5", SSE_MAX_STREAMS_PER_TENANT: "20", SSE_MAX_STREAMS: "100", SSE_UNKNOWN_ID_WAIT_SECONDS: "2.5" }).liveStreams,
    ).toEqual({ maxPerClient: 5, maxPerTenant: 20, maxTotal: 100, unknownIdWaitMs: 2500 });
  });

  it("reads the OTLP decode limits", () => {
    const limits = loadConfig({ OTLP_MAX_SPANS_PER_EXPORT: "512", OTLP_ATTRIBUTE_VALUE_LENGTH_LIMIT: "4096", OTLP_MAX_NESTING_DEPTH: "8" }).otlpLimits;
    expect(limits).toEqual({ ...DEFAULT_OTLP_LIMITS, maxSpansPerExport: 512, maxAttributeValueLength: 4096, maxAnyValueDepth: 8 });
    expect(() => loadConfig({ OTLP_SPAN_EVENT_COUNT_LIMIT: "0" })).toThrow(ConfigError);
  });

  it("reads the host allow-list and whether to trust a proxy", () => {
    expect(loadConfig({ ALLOWED_HOSTS: " obs.example.com, .corp.example ,10.0.0.5,*" })).toMatchObject({
      allowedHosts: ["obs.example.com", ".corp.example", "10.0.0.5", "*"],
    });
    expect(loadConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "1" }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(() => loadConfig({ TRUST_PROXY: "maybe" })).toThrow(/TRUST_PROXY: use true or false/);
    expect(() => loadConfig({ ALLOWED_HOSTS: "evil.example/path" })).toThrow(/ALLOWED_HOSTS/);
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ PORT: "http" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL: must start with postgres/);
    expect(() => loadConfig({ SSE_MAX_STREAMS_PER_CLIENT: "0" })).toThrow(/SSE_MAX_STREAMS_PER_CLIENT/);
  });
});

describe("describeDatabase", () => {
  it("never prints the password", () => {
    const text = describeDatabase({ databaseUrl: "postgres://obs:s3cret@db.internal:6543/observatory", dataDir: "" });
    expect(text).toBe("PostgreSQL at db.internal:6543/observatory");
    expect(describeDatabase({ databaseUrl: null, dataDir: "/data" })).toBe("embedded PGlite in /data");
  });
});
