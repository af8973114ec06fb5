import fs from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { migrations } from "@/migrations";
import { migrateToLatest } from "@/lib/db/migrate";
import { testBackends } from "@/lib/db/testing/backends";

describe("migration registry", () => {
  it("lists every migration file in migrations/", () => {
    const dir = path.resolve(import.meta.dirname, "../../migrations");
    const files = fs
      .readdirSync(dir)
      .filter((file) => /^\d{4}_\d{2}_\d{2}_\d{6}_.+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ""));
    expect(files.length).toBeGreaterThan(0);
    expect(Object.keys(migrations).sort()).toEqual(files.sort());
  });
});

describe.each(testBackends())("migrations on $name", (backend) => {
  it("creates the schema once and is a no-op when run again", async () => {
    const { database, dispose } = await backend.open({ migrated: false });
    try {
      const first = await migrateToLatest(database.kysely);
      expect(first.map((r) => r.status)).toEqual(Object.keys(migrations).map(() => "Success"));
      const second = await migrateToLatest(database.kysely);
      expect(second).toEqual([]);

      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables
        where table_schema = 'public' and table_name not like 'kysely_%' order by table_name`.execute(database.kysely);
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        "access_log",
        "alert_events",
        "alert_rules",
        "api_keys",
        "audit_events",
        "audit_keys",
        "invitations",
        "job_leases",
        "ledger_chains",
        "ledger_checkpoints",
        "ledger_seals",
        "ledger_watermarks",
        "log_records",
        "memberships",
        "metric_points",
        "metric_series",
        "node_specs",
        "price_overrides",
        "redaction_settings",
        "reprice_jobs",
        "run_call_usage",
        "run_ledger_groups",
        "run_ledger_nodes",
        "run_models",
        "run_nodes",
        "run_span_groups",
        "runs",
        "scores",
        "sessions",
        "spans",
        "tenants",
        "user_identities",
        "users",
        "version_verdicts",
        "webhook_deliveries",
        "workload_versions",
      ]);
      const tenants = await database.kysely.selectFrom("tenants").select("id").execute();
      expect(tenants).toEqual([{ id: "default" }]);
    } finally {
      await dispose();
    }
  });
});
