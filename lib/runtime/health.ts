import { pingDatabase } from "@/lib/db/health";
import { ingestReport, type IngestReport } from "@/lib/runtime/ingest-report";
import { serverRuntime } from "@/lib/runtime/registry";

export interface HealthDetails {
  status: "ok" | "unavailable";
  database: "ok" | "unavailable" | "not-migrated";
  receivers: { grpc: "listening" | "down"; http: "listening" | "down" };
  backend: "postgres" | "pglite" | null;
  /** The collector's backlog; null while no collector runs in this process. A lagging one leaves `status` alone: a database that is down already says it. */
  ingest: IngestReport | null;
}

/** What /api/health answers: `status` to anyone; the rest only to this machine or a `read` key. */
export type HealthReport = Pick<HealthDetails, "status"> & Partial<Omit<HealthDetails, "status">>;

/** Healthy once migrations ran, both OTLP receivers listen, and the database answers. */
export async function checkHealth(): Promise<HealthDetails> {
  const runtime = serverRuntime();
  const databaseOk = runtime.db !== null && (await pingDatabase(runtime.db));
  const database = !databaseOk ? "unavailable" : runtime.migrated ? "ok" : "not-migrated";
  const receivers = {
    grpc: runtime.receivers.grpc ? "listening" : "down",
    http: runtime.receivers.http ? "listening" : "down",
  } as const;
  const ingest = runtime.ingestBacklog ? ingestReport(runtime.ingestBacklog.stats()) : null;
  // A spool that cannot be written refuses every export: not healthy, whatever the database says.
  const healthy =
    database === "ok" && receivers.grpc === "listening" && receivers.http === "listening" && !runtime.shuttingDown && ingest?.writable !== false;
  return { status: healthy ? "ok" : "unavailable", database, receivers, backend: runtime.backend, ingest };
}
