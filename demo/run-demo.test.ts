import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCollector, type Collector } from "@/collector";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { runDemo, type DemoSummary } from "@/demo/run-demo";
import { DEMO_WORKLOADS, demoSchedule } from "@/demo/schedule";
import { versionScoreSummaries } from "@/lib/scores/version-scores";
import { verifyRunLedger } from "@/collector/ledger/verify";

const config = { host: "127.0.0.1", otlpGrpcPort: 0, otlpHttpPort: 0, otlpMaxBodyBytes: 4 * 1024 * 1024, runIdleSeconds: 30 };
const ANCHOR = Date.UTC(2026, 10, 21, 15, 0, 0);

describe.each(testBackends())("npm run demo into the collector on $name", (backend) => {
  let handle: TestDatabase;
  let collector: Collector;
  let summary: DemoSummary;
  const db = () => handle.database.kysely;
  const targets = () => ({ grpc: `http://127.0.0.1:${collector.grpcPort}`, http: `http://127.0.0.1:${collector.httpPort}` });
  const counts = async () => {
    const { rows } = await sql<{ runs: string; spans: string; events: string }>`
      select (select count(*) from runs) as runs, (select count(*) from spans) as spans, (select count(*) from audit_events) as events`.execute(db());
    return rows[0]!;
  };

  beforeAll(async () => {
    handle = await backend.open();
    collector = await startCollector(config, handle.database);
    summary = await runDemo(targets(), ANCHOR);
  }, 120_000);
  afterAll(async () => {
    await collector?.close();
    await handle?.dispose();
  });

  it("sends every scheduled run over gRPC and HTTP, and the collector accepts all of it", async () => {
    expect(summary.runs).toBe(demoSchedule(ANCHOR).length);
    for (const transport of ["grpc", "http"] as const) {
      expect(summary.transports[transport].spans.sent).toBeGreaterThan(0);
      expect(summary.transports[transport].logs.sent).toBeGreaterThan(0);
      expect(summary.transports[transport].spans.failed + summary.transports[transport].logs.failed).toBe(0);
    }
    const stored = await counts();
    expect(Number(stored.runs)).toBe(summary.runs);
    expect(Number(stored.spans)).toBe(summary.transports.grpc.spans.sent + summary.transports.http.spans.sent);
    // Log records are the ledger's audit records plus one answer_quality score per run.
    expect(summary.scoreRecords).toBe(summary.runs);
    expect(Number(stored.events)).toBe(summary.transports.grpc.logs.sent + summary.transports.http.logs.sent - summary.scoreRecords);
  });

  it("scores every version: each newer one better, QA-Agent's model switch worse than the version before it", () => {
    // In version order: the summary lists versions as their runs came, and two QA versions share a version string.
    const quality = (name: string) =>
      DEMO_WORKLOADS.find((w) => w.name === name)!.versions.map((version) => summary.versions.find((v) => v.workload === name && v.change === version.change)!.answerQuality);
    const [qaFirst, qaRetrieval, qaHaiku] = quality("QA-Agent");
    expect(qaRetrieval! - qaFirst!).toBeGreaterThan(0.1);
    expect(qaRetrieval! - qaHaiku!).toBeGreaterThan(0.15);
    for (const workload of ["Research Writer", "Draft Reviewer", "Support Agent"]) {
      const [older, newer] = quality(workload);
      expect(newer! - older!, workload).toBeGreaterThan(0.05);
    }
  });

  it("seals and signs every run's ledger: each one verifies", async () => {
    await collector.ledger.pass({ checkpoint: true });
    await collector.ledger.pass({ checkpoint: true });
    const runs = await db().selectFrom("runs").select("run_id").execute();
    const statuses = new Map<string, number>();
    for (const { run_id: runId } of runs) {
      const { status } = await verifyRunLedger(db(), "default", runId);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
    expect(Object.fromEntries(statuses)).toEqual({ verified: summary.runs });
  }, 120_000);

  it("stores each run's answer_quality once, on its run, and the versions' stored means keep the order sent", async () => {
    const { rows } = await sql<{ n: string; runs: string; pending: string }>`
      select count(*) as n, count(distinct run_id) as runs, count(*) filter (where pending_trace) as pending from scores where name = 'answer_quality'`.execute(db());
    expect(rows[0]).toEqual({ n: String(summary.runs), runs: String(summary.runs), pending: "0" });
    const { rows: orphans } = await sql<{ n: string }>`select count(*) as n from scores s where not exists (select 1 from runs r where r.tenant_id = s.tenant_id and r.run_id = s.run_id)`.execute(db());
    expect(orphans[0]!.n).toBe("0");
    const qa = DEMO_WORKLOADS.find((w) => w.name === "QA-Agent")!;
    const summaries = await versionScoreSummaries(db(), "default", "QA-Agent");
    const stored = qa.versions.map((version) => {
      const logicId = summary.versions.find((v) => v.workload === "QA-Agent" && v.change === version.change)!.logicId;
      return summaries.get(logicId)!.find((s) => s.name === "answer_quality")!.mean!;
    });
    expect(stored[1]! - stored[0]!).toBeGreaterThan(0.1);
    expect(stored[1]! - stored[2]!).toBeGreaterThan(0.15);
    // The node-level score landed on the node it judged.
    const { rows: grounded } = await sql<{ nodes: string[] }>`
      select array_agg(distinct sp.node_name) as nodes from scores s join spans sp on sp.tenant_id = s.tenant_id and sp.trace_id = s.trace_id and sp.span_id = s.span_id
      where s.name = 'grounded'`.execute(db());
    expect(grounded[0]!.nodes).toEqual(["finalize"]);
  });

  it("stores each version under its logic id, with failed runs only where a tool failed", async () => {
    const versions = await db()
      .selectFrom("runs")
      .select(["workload_name", "workload_logic_id", "workload_version"])
      .select((eb) => [eb.fn.countAll<string>().as("runs"), eb.fn.sum<string>(eb.case().when("status", "=", "failed").then(1).else(0).end()).as("failed")])
      .groupBy(["workload_name", "workload_logic_id", "workload_version"])
      .execute();
    expect(versions).toHaveLength(summary.versions.length);
    for (const version of summary.versions) {
      const row = versions.find((r) => r.workload_logic_id === version.logicId);
      expect(row).toMatchObject({ workload_name: version.workload, workload_version: version.version });
      expect(Number(row!.runs)).toBe(version.runs);
      expect(Number(row!.failed)).toBe(version.failedRuns);
    }
    expect(summary.failedRuns).toBeGreaterThan(0);
    const failing = new Set(summary.versions.filter((v) => v.failedRuns > 0).map((v) => v.workload));
    expect([...failing]).toEqual(["Support Agent"]);
    const deployments = await db().selectFrom("runs").select("deployment_id").distinct().orderBy("deployment_id").execute();
    expect(deployments.map((row) => row.deployment_id)).toEqual(["prod", "staging"]);
  });

  it("prices the calls and leaves the self-hosted model unpriced", async () => {
    const models = await db()
      .selectFrom("spans")
      .select(["model_name"])
      .select((eb) => eb.fn.sum<string>("cost_usd").as("cost"))
      .where("model_name", "is not", null)
      .groupBy("model_name")
      .execute();
    const cost = Object.fromEntries(models.map((row) => [row.model_name, row.cost === null ? null : Number(row.cost)]));
    expect(cost["gpt-4o-mini-2024-07-18"]).toBeGreaterThan(0);
    expect(cost["claude-sonnet-4-5-20250929"]).toBeGreaterThan(0);
    expect(cost["llama-3.1-8b-instruct"] ?? 0).toBe(0);
  });

  it("can be run twice: the second time adds nothing", async () => {
    const before = await counts();
    const again = await runDemo(targets(), ANCHOR);
    expect(again.transports.grpc.spans.failed + again.transports.http.spans.failed).toBe(0);
    expect(await counts()).toEqual(before);
  }, 120_000);
});
