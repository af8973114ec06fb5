import os from "node:os";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/auth/api-keys";
import type { Database } from "@/lib/db/client";
import { postgresBackend, type TestDatabase } from "@/lib/db/testing/backends";
import { makeRun } from "@/lib/db/testing/fixtures";
import { localPostgres } from "@/lib/db/testing/local-postgres";
import { openAndMigrate, openReadReplica } from "@/lib/runtime/bootstrap";
import { serverRuntime } from "@/lib/runtime/registry";
import { startCollector, type Collector } from "@/collector";
import { testCollectorConfig } from "@/collector/testing/collector-suite";
import { apiRequest, params } from "@/test-support/api-runtime";
import { GET as listRuns } from "@/app/api/v1/runs/route";
import { GET as getRun } from "@/app/api/v1/runs/[runId]/route";
import { GET as topRuns } from "@/app/api/v1/costs/top-runs/route";
import { GET as listPrices, POST as savePrice } from "@/app/api/v1/prices/route";
import { GET as getRetention, POST as setRetention } from "@/app/api/v1/settings/retention/route";
import { POST as signIn } from "@/app/api/v1/session/route";

// DATABASE_READ_URL: two databases stand for a primary and its replica, each holding a run the
// other has not, so every answer shows which one it came from. No replication here: the point is
// which connection each request uses, through the same bootstrap functions server.ts calls.

const server = await localPostgres();
if (server.unavailable) console.warn(`skipping the read replica test: ${server.unavailable}`);

describe.skipIf(server.url === null)("dashboard reads through DATABASE_READ_URL, writes and auth on DATABASE_URL", () => {
  let primaryHandle: TestDatabase;
  let replicaHandle: TestDatabase;
  let primary: Database;
  let replica: Database | null = null;
  let collector: Collector;
  let key: string;
  const saved = { ...serverRuntime() };

  beforeAll(async () => {
    [primaryHandle, replicaHandle] = await Promise.all([postgresBackend(server.url!).open({ migrated: false }), postgresBackend(server.url!).open()]);
    const config = { databaseUrl: primaryHandle.url!, databaseReadUrl: replicaHandle.url!, dataDir: os.tmpdir() };
    primary = await openAndMigrate(config);
    replica = await openReadReplica(config);
    await primary.kysely.insertInto("runs").values(makeRun({ run_id: "written-to-primary", cost_usd: "2" })).execute();
    await replica!.kysely.insertInto("runs").values(makeRun({ run_id: "on-replica", cost_usd: "1" })).execute();
    // The key exists on the primary only: requests that authenticate prove auth reads the primary.
    key = (await createApiKey(primary.kysely, "default", "admin", ["read", "admin"])).key;
    collector = await startCollector(testCollectorConfig(), primary);
  });

  afterAll(async () => {
    await collector?.close();
    await replica?.close();
    await primary?.close();
    Object.assign(serverRuntime(), { db: saved.db, readDb: saved.readDb, migrated: saved.migrated, backend: saved.backend });
    await Promise.all([primaryHandle?.dispose(), replicaHandle?.dispose()]);
  });

  it("opens the replica as its own marked connection, without migrating it", async () => {
    expect(serverRuntime().readDb).toBe(replica!.kysely);
    const { rows } = await sql<{ application_name: string }>`select application_name from pg_stat_activity where datname = current_database() and pid = pg_backend_pid()`.execute(replica!.kysely);
    expect(rows[0]?.application_name).toBe("codon-observatory-read");
    await expect(openReadReplica({ databaseReadUrl: `${server.url!.replace(/\/[^/]*$/, "")}/codon_no_such_replica` })).rejects.toMatchObject({ code: "3D000" });
  });

  it("answers run lists, run details and cost reads from the replica", async () => {
    expect((await listRuns(apiRequest("/api/v1/runs"))).status).toBe(401);
    const runs = (await (await listRuns(apiRequest("/api/v1/runs", { key }))).json()) as { runs: { runId: string }[] };
    expect(runs.runs.map((run) => run.runId)).toEqual(["on-replica"]);
    expect((await getRun(apiRequest("/api/v1/runs/on-replica", { key }), params({ runId: "on-replica" }))).status).toBe(200);
    expect((await getRun(apiRequest("/api/v1/runs/written-to-primary", { key }), params({ runId: "written-to-primary" }))).status).toBe(404);
    const top = (await (await topRuns(apiRequest("/api/v1/costs/top-runs", { key }))).json()) as { runs: { runId: string }[] };
    expect(top.runs.map((run) => run.runId)).toEqual(["on-replica"]);
  });

  it("saves a price and a setting on the primary and reads them back from it at once; signs in there", async () => {
    const price = { model: "replica-model", effectiveFrom: "2026-01-01", inputUsdPerMtok: 1, outputUsdPerMtok: 2 };
    expect((await savePrice(apiRequest("/api/v1/prices", { method: "POST", key, body: price }))).status).toBe(201);
    const prices = (await (await listPrices(apiRequest("/api/v1/prices", { key }))).json()) as { overrides: { model: string }[] };
    expect(prices.overrides.map((override) => override.model)).toEqual(["replica-model"]);
    expect(await replica!.kysely.selectFrom("price_overrides").select("model").execute()).toEqual([]);

    expect((await setRetention(apiRequest("/api/v1/settings/retention", { method: "POST", key, body: { days: 7 } }))).status).toBe(200);
    expect(await (await getRetention(apiRequest("/api/v1/settings/retention", { key }))).json()).toMatchObject({ days: 7 });
    const retentionOf = (db: Database) => db.kysely.selectFrom("tenants").select("retention_days").where("id", "=", "default").executeTakeFirst();
    expect(await retentionOf(primary)).toEqual({ retention_days: 7 });
    expect(await retentionOf(replica!)).toEqual({ retention_days: null });

    const session = await signIn(apiRequest("/api/v1/session", { method: "POST", body: { apiKey: key } }));
    expect(session.status).toBe(200);
    expect(await primary.kysely.selectFrom("sessions").select("key_id").execute()).toHaveLength(1);
    expect(await replica!.kysely.selectFrom("sessions").select("key_id").execute()).toHaveLength(0);
  });
});
