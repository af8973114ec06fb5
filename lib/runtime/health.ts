import { pingDatabase } from "@/lib/db/health";
import { serverRuntime } from "@/lib/runtime/registry";

export interface HealthReport {
  status: "ok" | "unavailable";
  database: "ok" | "unavailable" | "not-migrated";
  receivers: { grpc: "listening" | "down"; http: "listening" | "down" };
  backend: "postgres" | "pglite" | null;
}

/** Healthy once migrations ran, both OTLP receivers listen, and the database answers. */
export async function checkHealth(): Promise<HealthReport> {
  const runtime = serverRuntime();
  const databaseOk = runtime.db !== null && (await pingDatabase(runtime.db));
  const database = !databaseOk ? "unavailable" : runtime.migrated ? "ok" : "not-migrated";
  const receivers = {
    grpc: runtime.receivers.grpc ? "listening" : "down",
    http: runtime.receivers.http ? "listening" : "down",
  } as const;
  const healthy =
    database === "ok" && receivers.grpc === "listening" && receivers.http === "listening" && !runtime.shuttingDown;
  return { status: healthy ? "ok" : "unavailable", database, receivers, backend: runtime.backend };
}
