import type { Kysely } from "kysely";
import type { AppConfig } from "@/lib/runtime/config";
import type { DB } from "@/lib/db/types";
import { createLogger } from "@/lib/runtime/log";
import { serverRuntime } from "@/lib/runtime/registry";
import { anyCredentialExists } from "@/lib/auth/credentials";
import { isLoopbackHost, listenHost } from "@/lib/runtime/bind";
import { createAuthenticator, type Authenticator } from "@/collector/auth";
import type { ExportService } from "@/collector/pipeline/export";
import { openIngestPath } from "@/collector/pipeline/ingest-path";
import { startGrpcReceiver, type GrpcReceiver } from "@/collector/receivers/grpc";
import { startHttpReceiver, type HttpReceiver } from "@/collector/receivers/http";
import { startRepricer, type Repricer } from "@/collector/pricing/repricer";
import { startRetention, type Retention } from "@/collector/retention/retention-job";
import { startVerdicts, type VerdictJob } from "@/collector/verdicts/verdict-job";
import { DEFAULT_VERDICT_SETTINGS } from "@/lib/verdicts/settings";
import { startAlerts, type AlertJob } from "@/collector/alerts/alert-job";
import { startPendingScores, type PendingScoresJob } from "@/collector/scores/pending-scores-job";
import { startLedgerChain, type LedgerJob } from "@/collector/ledger/ledger-job";
import { ephemeralSigningKey, loadSigningKey } from "@/collector/ledger/signing-key";
import { setWebhookHosts } from "@/lib/alerts/webhook-hosts";
import { guardedWrite } from "@/collector/store/db-errors";
import { sweepIdleRuns } from "@/collector/store/idle-sweep";
import { writeBatch } from "@/collector/store/write-batch";
import { acceptRedaction } from "@/collector/redaction/accept-redaction";
import { redactBatch } from "@/collector/redaction/redact-batch";
import { RulesCache } from "@/collector/redaction/tenant-rules";
import { loadTenantRedaction } from "@/lib/redaction/queries";
import type { TlsMaterial } from "@/lib/runtime/tls";
import type { IngestBacklog } from "@/lib/runtime/ingest-backlog";
import { allowedHosts } from "@/lib/http/allowed-hosts";
import { DEFAULT_DECODE_LIMITS } from "@/collector/decode";

const log = createLogger("collector");

export interface Collector {
  /** The interface both receivers bound (undefined: every interface); the dashboard binds the same. */
  host: string | undefined;
  /** No key needed: no key exists and only this machine can connect. */
  keyless: boolean;
  grpcPort: number;
  httpPort: number;
  exporter: ExportService;
  /** This collector's own spool backlog (the runtime registry holds the last one started in the process). */
  backlog: IngestBacklog;
  /** Recomputes stored costs after a price change, in the background. */
  repricer: Repricer;
  /** Removes runs past retention in the background. */
  retention: Retention;
  /** Keeps version verdicts current in the background. */
  verdicts: VerdictJob;
  /** Evaluates alert rules and delivers their webhooks. */
  alerts: AlertJob;
  /** Matches scores that came before their trace's spans to their runs. */
  pendingScores: PendingScoresJob;
  /** Seals finished runs' ledgers and signs the seals into checkpoints. */
  ledger: LedgerJob;
  /** Stops accepting exports, then finishes in-flight ones and flushes pending writes. */
  close(): Promise<void>;
}

type CollectorConfig = Pick<AppConfig, "host" | "otlpGrpcPort" | "otlpHttpPort" | "otlpMaxBodyBytes" | "runIdleSeconds"> &
  Partial<Pick<AppConfig, "otlpLimits" | "allowedHosts" | "spool" | "retentionDays" | "ingestMemoryBytes" | "verdicts" | "alerts" | "ledger">> & {
    /** Rows the ingest queue holds before refusing (tests shrink it to reach "full" quickly). */
    ingestQueueRows?: number;
    /** TLS for both receivers (read once by the caller, shared with the dashboard); absent: plaintext. */
    tls?: TlsMaterial | null;
    /** On close, how long the spool's drainer may finish writes in flight (the rest waits in the spool). */
    closeDrainMs?: number;
    /** How long a tenant's redaction rules are used before they are read again (default 10 s). */
    redactionRulesTtlMs?: number;
  };

export interface CollectorDatabase {
  kysely: Kysely<DB>;
  backend: "postgres" | "pglite";
}

const nowNs = () => BigInt(Date.now()) * 1_000_000n;
/** Far above a healthy write (~1 s for 4,096 rows), well below the spool drainer's 60 s deadline. */
const WRITE_STATEMENT_TIMEOUT_MS = 30_000;

/** Starts both OTLP receivers on one export path and records them in the server runtime (health depends on it). */
export async function startCollector(config: CollectorConfig, database: CollectorDatabase): Promise<Collector> {
  const db = database.kysely;
  const idleNs = BigInt(Math.round(config.runIdleSeconds * 1e9));
  const changes = serverRuntime().changes;
  const limits = config.otlpLimits ?? DEFAULT_DECODE_LIMITS;
  const redactionRules = new RulesCache((tenantId) => loadTenantRedaction(db, tenantId), { ttlMs: config.redactionRulesTtlMs });
  // Without a spool configured (tests that read right after exporting), exports are answered once stored.
  const ingest = await openIngestPath({
    // PGlite's one writer is shared by every tenant: smaller writes bound how long another
    // tenant's export waits behind a big one (cut into parts, batcher.ts). Smaller still costs
    // more than it saves while each write recomputes its runs whole (512 rows: waits of 1.4-1.7 s
    // behind a 5,000-span export; 1,024: 0.7-0.9 s; 2,048: 0.7-0.8 s).
    maxBatchRows: database.backend === "pglite" ? 2048 : 4096,
    flushIntervalMs: 20,
    maxQueuedRows: config.ingestQueueRows ?? 100_000,
    // PGlite runs queries one at a time in this process; PostgreSQL is the bottleneck at ingest, so
    // several transactions keep both of its cores busy (measured: 4 writers beat 2 by ~10%).
    writers: database.backend === "pglite" ? 1 : 4,
    write: guardedWrite(async (received) => {
      // Redacted here, on the way into the database, unless already redacted when received (rows
      // marked scanned): exports spooled as received, and every export when the spool is off.
      const batch = await redactBatch(received, (tenantId) => redactionRules.get(tenantId));
      // PostgreSQL only: PGlite runs in this process, where a statement cannot stall on a server.
      const result = await writeBatch(db, batch, nowNs() - idleNs, { statementTimeoutMs: database.backend === "postgres" ? WRITE_STATEMENT_TIMEOUT_MS : undefined });
      for (const change of result.changedRuns) changes.publish(change);
    }),
  }, config.spool ?? null, limits, config.ingestMemoryBytes, acceptRedaction(redactionRules));
  const exporter = ingest.exporter;
  let grpc: GrpcReceiver | undefined;
  let http: HttpReceiver;
  let host: string | undefined;
  let keyless: boolean;
  let auth: Authenticator;
  try {
    // Secure by default: with no key or user, HOST unset binds loopback, and key-less use is open only there.
    host = listenHost(config.host, await anyCredentialExists(db));
    auth = createAuthenticator(db, { allowKeyless: isLoopbackHost(host) });
    keyless = (await auth.keys.mode()) === "open";
    grpc = await startGrpcReceiver({ host, port: config.otlpGrpcPort, maxMessageBytes: config.otlpMaxBodyBytes, exporter, auth, limits, tls: config.tls });
    http = await startHttpReceiver({ host, port: config.otlpHttpPort, maxBodyBytes: config.otlpMaxBodyBytes, exporter, auth, limits, tls: config.tls, keylessHosts: allowedHosts(config.allowedHosts ?? []) });
  } catch (error) {
    await grpc?.close();
    // Releases the spool folder for the next try.
    await ingest.close(0);
    throw error;
  }

  // The idle rule for runs that receive nothing more: most Codon runs end this way.
  let sweepFailing = false;
  let sweeping: Promise<void> | null = null;
  const sweeper = setInterval(() => {
    // A sweep working through a backlog may outlast the interval: the next one waits its turn.
    if (sweeping) return;
    sweeping = sweepIdleRuns(db, nowNs() - idleNs, (change) => changes.publish(change))
      .then(
        () => {
          sweepFailing = false;
        },
        (error: unknown) => {
          if (!sweepFailing) log.warn("closing idle runs failed; will retry", { error: (error as Error).message });
          sweepFailing = true;
        },
      )
      .finally(() => {
        sweeping = null;
      });
  }, Math.min(5000, Math.max(250, Number(idleNs / 2_000_000n))));
  sweeper.unref();

  const repricer = startRepricer(db, {
    idleCutoffNs: () => nowNs() - idleNs,
    tenantChanged: (tenantId, runIds) => changes.publish({ tenantId, runIds }),
  });

  // Absent (tests seeding old timestamps): only a tenant's own setting removes anything.
  const retention = startRetention(db, {
    defaultDays: config.retentionDays ?? 0,
    tenantChanged: (tenantId, runIds) => changes.publish({ tenantId, runIds }),
  });

  const verdicts = startVerdicts(db, {
    settings: config.verdicts?.settings ?? DEFAULT_VERDICT_SETTINGS,
    intervalMs: config.verdicts?.intervalMs,
  });

  // Tests that start a collector without this leave the allow-list as they set it.
  if (config.alerts) setWebhookHosts(config.alerts.webhookHosts);
  const alerts = startAlerts(db, { intervalMs: config.alerts?.intervalMs });
  const pendingScores = startPendingScores(db);
  // Without ledger settings (tests), a key of this process's own signs.
  const ledger = startLedgerChain(db, {
    key: config.ledger ? loadSigningKey({ pem: config.ledger.signingKeyPem, file: config.ledger.keyFile }) : ephemeralSigningKey(),
    sealIntervalMs: config.ledger?.sealIntervalMs,
    checkpointIntervalMs: config.ledger?.checkpointIntervalMs,
  });

  const runtime = serverRuntime();
  runtime.repricer = repricer;
  runtime.receivers = { grpc: grpc.port, http: http.address.port };
  runtime.auth = auth.keys;
  runtime.ingestBacklog = ingest.backlog;
  runtime.ingest = {
    invalidateKeys: () => auth.invalidate(),
    ingestLedger: (tenantId, runId, entries) => exporter.exportLedger(runId, entries, tenantId),
  };
  log.info("OTLP receivers listening", { host: host ?? "all interfaces", grpc: grpc.port, http: http.address.port, keys: keyless ? "not required" : "required", tls: config.tls ? "on" : "off" });
  return {
    host,
    keyless,
    grpcPort: grpc.port,
    httpPort: http.address.port,
    exporter,
    backlog: ingest.backlog,
    repricer,
    retention,
    verdicts,
    alerts,
    pendingScores,
    ledger,
    async close() {
      runtime.receivers = { grpc: null, http: null };
      runtime.ingest = null;
      runtime.auth = null;
      runtime.repricer = null;
      runtime.ingestBacklog = null;
      clearInterval(sweeper);
      // A sweep under way finishes its batch before the database is closed.
      await Promise.all([sweeping, grpc.close(), http.close(), repricer.close(), retention.close(), verdicts.close(), alerts.close(), pendingScores.close(), ledger.close()]);
      await ingest.close(config.closeDrainMs ?? 1000);
    },
  };
}
