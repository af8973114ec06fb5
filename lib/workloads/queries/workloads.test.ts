import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeRun, makeSpan, runNodeRows } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewRun, NewSpan, RunStatus, StaticGraph } from "@/lib/db/types";
import { compareRuns } from "@/lib/workloads/queries/run-compare";
import { compareVersions } from "@/lib/workloads/queries/version-compare";
import { listWorkloadVersions } from "@/lib/workloads/queries/workload-versions";
import { workloadTrend } from "@/lib/workloads/queries/workload-trend";
import { listWorkloadStats } from "@/lib/workloads/queries/workloads";
import { runFilterOptions } from "@/lib/runs/queries/run-list";

// Hand-computed figures below use PostgreSQL's percentile_cont: linear interpolation at
// p × (n − 1) between the sorted values.
const DAY = 86_400_000_000_000n;
const MS = 1_000_000n;
const T0 = 1_732_147_200_000_000_000n; // 2024-11-21T00:00:00Z
const A = "a".repeat(64);
const B = "b".repeat(64);
const OTHER = "c".repeat(64);

const graphA: StaticGraph = {
  nodes: [
    { name: "planner", role: "llm", nodespecId: "planner-1" },
    { name: "researcher", role: "llm", nodespecId: "researcher-a" },
    { name: "legacy", role: "tool", nodespecId: "legacy-1" },
  ],
  edges: [
    { source: "planner", target: "researcher" },
    { source: "researcher", target: "legacy" },
  ],
};
const graphB: StaticGraph = {
  nodes: [
    { name: "planner", role: "llm", nodespecId: "planner-1" },
    { name: "researcher", role: "llm", nodespecId: "researcher-b" },
    { name: "fact_checker", role: "review", nodespecId: "checker-1" },
  ],
  edges: [
    { source: "planner", target: "researcher" },
    { source: "researcher", target: "fact_checker" },
  ],
};

interface RunPlan {
  runId: string;
  logicId: string;
  day: number;
  durationMs: number;
  status: RunStatus;
  costUsd: number;
  deployment: string;
  /** node name → duration ms of its one activation (and whether it failed). */
  nodes: [string, number, boolean?][];
}

// Version a: 4 runs, one failed. Version b: 3 finished runs and one still running.
const plans: RunPlan[] = [
  { runId: "a1", logicId: A, day: 0, durationMs: 100, status: "completed", costUsd: 0.01, deployment: "prod", nodes: [["planner", 10], ["researcher", 100], ["legacy", 5]] },
  { runId: "a2", logicId: A, day: 0, durationMs: 200, status: "completed", costUsd: 0.02, deployment: "prod", nodes: [["planner", 20], ["researcher", 200], ["legacy", 5]] },
  { runId: "a3", logicId: A, day: 1, durationMs: 300, status: "failed", costUsd: 0.03, deployment: "staging", nodes: [["planner", 30], ["researcher", 300, true]] },
  { runId: "a4", logicId: A, day: 1, durationMs: 400, status: "completed", costUsd: 0.04, deployment: "prod", nodes: [["planner", 40], ["researcher", 400], ["legacy", 5]] },
  { runId: "b1", logicId: B, day: 2, durationMs: 100, status: "completed", costUsd: 0.02, deployment: "prod", nodes: [["planner", 10], ["researcher", 50], ["fact_checker", 20]] },
  { runId: "b2", logicId: B, day: 2, durationMs: 150, status: "completed", costUsd: 0.03, deployment: "prod", nodes: [["planner", 12], ["researcher", 60], ["fact_checker", 30]] },
  { runId: "b3", logicId: B, day: 3, durationMs: 200, status: "completed", costUsd: 0.04, deployment: "eu", nodes: [["planner", 14], ["researcher", 70], ["fact_checker", 40]] },
  { runId: "b4", logicId: B, day: 3, durationMs: 5000, status: "running", costUsd: 0.5, deployment: "eu", nodes: [["planner", 16]] },
];

const startOf = (plan: RunPlan) => T0 + BigInt(plan.day) * DAY + BigInt(plans.indexOf(plan)) * 1000n * MS;
const specOf = (logicId: string, node: string) => graph(logicId).nodes.find((n) => n.name === node)?.nodespecId ?? null;
const graph = (logicId: string) => (logicId === A ? graphA : graphB);

function runRow(plan: RunPlan): NewRun {
  const start = startOf(plan);
  return makeRun({
    run_id: plan.runId,
    workload_name: "qa",
    workload_version: "0.1.0",
    workload_logic_id: plan.logicId,
    deployment_id: plan.deployment,
    status: plan.status,
    start_time_unix_nano: start.toString(),
    end_time_unix_nano: (start + BigInt(plan.durationMs) * MS).toString(),
    duration_ns: (BigInt(plan.durationMs) * MS).toString(),
    cost_usd: String(plan.costUsd),
    input_tokens: "300",
    output_tokens: "100",
    total_tokens: "400",
  });
}

function spanRows(plan: RunPlan): NewSpan[] {
  const start = startOf(plan);
  const spans: NewSpan[] = [];
  plan.nodes.forEach(([node, durationMs, failed], k) => {
    const spanStart = start + BigInt(k) * 10n * MS;
    const base = {
      trace_id: `${plan.runId.padEnd(8, "0")}${String(k).padStart(24, "0")}`,
      run_id: plan.runId,
      workload_name: "qa",
      workload_logic_id: plan.logicId,
      start_time_unix_nano: spanStart.toString(),
    };
    spans.push(
      makeSpan({
        ...base,
        span_id: `${String(k).padStart(8, "0")}00000001`,
        name: `codon.node.${node}`,
        node_name: node,
        node_role: graph(plan.logicId).nodes.find((n) => n.name === node)?.role ?? null,
        nodespec_id: specOf(plan.logicId, node),
        end_time_unix_nano: (spanStart + BigInt(durationMs) * MS).toString(),
        duration_ns: (BigInt(durationMs) * MS).toString(),
        status_code: failed ? "error" : "ok",
        input_tokens: "100",
        output_tokens: "50",
        cost_usd: "0.001",
      }),
    );
    // The LLM call inside researcher: the Codon agent.llm span repeats the node's usage
    // (counts_usage false); version b's also reports usage of its own (counts_usage true).
    if (node === "researcher") {
      spans.push(
        makeSpan({
          ...base,
          span_id: `${String(k).padStart(8, "0")}00000002`,
          parent_span_id: `${String(k).padStart(8, "0")}00000001`,
          name: "agent.llm",
          nodespec_id: specOf(plan.logicId, node),
          end_time_unix_nano: (spanStart + 5n * MS).toString(),
          duration_ns: (5n * MS).toString(),
          input_tokens: "1000",
          output_tokens: "200",
          cost_usd: "0.01",
          counts_usage: plan.logicId === B,
        }),
      );
    }
  });
  return spans;
}

describe.each(testBackends())("workload queries on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;

  beforeAll(async () => {
    handle = await backend.open();
    const runs = plans.map(runRow);
    const spans = plans.flatMap(spanRows);
    await db().insertInto("runs").values(runs).execute();
    await db().insertInto("spans").values(spans).execute();
    // What the collector keeps after each batch: the per-node roll-up version comparison reads.
    await db().insertInto("run_nodes").values(runNodeRows(runs, spans)).execute();
    // Another workload and another tenant's data must not leak into qa's figures.
    await db().insertInto("runs").values(makeRun({ run_id: "w1", workload_name: "writer", workload_logic_id: OTHER, status: "failed", start_time_unix_nano: T0.toString() })).execute();
    await db().insertInto("tenants").values({ id: "other", name: "Other" }).execute();
    await db().insertInto("runs").values(makeRun({ tenant_id: "other", run_id: "x1", workload_name: "qa", workload_logic_id: A, status: "failed" })).execute();
    const version = (workload: string, logicId: string, firstDay: number, lastDay: number, g: StaticGraph, tenant = "default") => ({
      tenant_id: tenant,
      workload_name: workload,
      logic_id: logicId,
      version: "0.1.0",
      first_seen_unix_nano: (T0 + BigInt(firstDay) * DAY).toString(),
      last_seen_unix_nano: (T0 + BigInt(lastDay) * DAY).toString(),
      run_count: 4,
      graph: g,
    });
    await db()
      .insertInto("workload_versions")
      .values([version("qa", A, 0, 1, graphA), version("qa", B, 2, 3, graphB), version("writer", OTHER, 0, 0, { nodes: [], edges: [] }), version("qa", A, 0, 9, graphA, "other")])
      .execute();
    const spec = (id: string, name: string, signature: string, model: string) => ({
      tenant_id: "default",
      nodespec_id: id,
      name,
      role: "llm",
      callable_signature: signature,
      model_name: model,
    });
    await db()
      .insertInto("node_specs")
      .values([spec("researcher-a", "researcher", "(q)", "gpt-4o"), spec("researcher-b", "researcher", "(q)", "gpt-4o-mini")])
      .execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("lists workloads with run figures over finished runs", async () => {
    const list = await listWorkloadStats(db(), "default", {});
    expect(list.workloads.map((w) => w.name)).toEqual(["qa", "writer"]);
    const qa = list.workloads[0]!;
    expect(qa).toMatchObject({ versionCount: 2, latestLogicId: B, runCount: 8, finishedRunCount: 7 });
    // 1 failed of 7 finished; durations 100,100,150,200,200,300,400 → p95 at 5.7: 300 + 0.7 × 100.
    expect(qa.errorRate).toBeCloseTo(1 / 7, 12);
    expect(qa.p95Ms).toBeCloseTo(370, 9);
    expect(qa.avgCostUsd).toBeCloseTo((0.01 + 0.02 + 0.03 + 0.04 + 0.02 + 0.03 + 0.04) / 7, 12);
  });

  it("applies the window to the figures, not to the list", async () => {
    const list = await listWorkloadStats(db(), "default", { fromNs: T0 + 2n * DAY });
    const byName = new Map(list.workloads.map((w) => [w.name, w]));
    expect(byName.get("qa")).toMatchObject({ runCount: 4, finishedRunCount: 3, errorRate: 0 });
    expect(byName.get("writer")).toMatchObject({ runCount: 0, errorRate: null, p95Ms: null, avgCostUsd: null });
  });

  it("gives each version its percentiles, error rate, averages, deployments and reuse flag", async () => {
    const { versions } = await listWorkloadVersions(db(), "default", "qa");
    expect(versions.map((v) => v.logicId)).toEqual([B, A]);
    const [b, a] = versions;
    expect(a).toMatchObject({ runCount: 4, finishedRunCount: 4, failedRunCount: 1, errorRate: 0.25, deployments: ["prod", "staging"], reusesVersionOf: null });
    expect(a!.p50Ms).toBeCloseTo(250, 9);
    expect(a!.p95Ms).toBeCloseTo(385, 9);
    expect(a!.avgCostUsd).toBeCloseTo(0.025, 12);
    expect(a!.avgInputTokens).toBe(300);
    expect(a!.avgOutputTokens).toBe(100);
    expect(a!.nodes.map((n) => n.name)).toEqual(["planner", "researcher", "legacy"]);
    expect(a!.edges).toEqual(graphA.edges);
    // b: the running run counts as a run but not in durations, cost or error rate.
    expect(b).toMatchObject({ runCount: 4, finishedRunCount: 3, errorRate: 0, deployments: ["eu", "prod"], reusesVersionOf: A });
    expect(b!.p50Ms).toBeCloseTo(150, 9);
    expect(b!.p95Ms).toBeCloseTo(195, 9);
    expect(b!.avgCostUsd).toBeCloseTo(0.03, 12);
  });

  it("lists the most recently seen versions up to its limit, with the same figures, and counts the rest", async () => {
    const all = await listWorkloadVersions(db(), "default", "qa");
    expect(all.omittedVersions).toBe(0);
    const cut = await listWorkloadVersions(db(), "default", "qa", {}, 1);
    expect(cut.versions).toEqual([all.versions[0]]);
    expect(cut.versions[0]!.logicId).toBe(B);
    expect(cut.omittedVersions).toBe(1);
  });

  it("offers each workload's most recently seen versions in the filter menus, within their limits", async () => {
    const all = await runFilterOptions(db(), "default");
    expect(all.workloads).toEqual(["qa", "writer"]);
    expect(all.versions.map((v) => [v.workloadName, v.logicId])).toEqual([
      ["qa", B],
      ["qa", A],
      ["writer", OTHER],
    ]);
    const cut = await runFilterOptions(db(), "default", { workloads: 1, versionsPerWorkload: 1, deployments: 1 });
    expect(cut.workloads).toEqual(["qa"]);
    expect(cut.versions.map((v) => v.logicId)).toEqual([B]);
    expect(cut.deployments.length).toBeLessThanOrEqual(1);
    expect((await runFilterOptions(db(), "other")).versions.map((v) => v.logicId)).toEqual([A]);
  });

  it("returns no versions for an unknown workload or another tenant's", async () => {
    expect((await listWorkloadVersions(db(), "default", "nope")).versions).toEqual([]);
    expect((await listWorkloadVersions(db(), "other", "qa")).versions.map((v) => v.runCount)).toEqual([1]);
  });

  it("diffs the versions' graphs and per-node figures", async () => {
    const comparison = await compareVersions(db(), "default", "qa", A, B);
    const byName = new Map(comparison.nodes.map((n) => [n.name, n]));
    expect(Object.fromEntries(comparison.nodes.map((n) => [n.name, n.change]))).toEqual({
      researcher: "changed",
      fact_checker: "added",
      legacy: "removed",
      planner: "unchanged",
    });
    expect(byName.get("researcher")!.changedFields).toEqual(["model"]);
    expect(comparison.edges).toEqual([
      { source: "planner", target: "researcher", change: "unchanged" },
      { source: "researcher", target: "legacy", change: "removed" },
      { source: "researcher", target: "fact_checker", change: "added" },
    ]);

    // Percentiles come from duration sketches: within 1% of percentile_cont over the exact values.
    const nearly = (value: number | null | undefined, exact: number) => expect(Math.abs(value! - exact) / exact).toBeLessThan(0.01);
    // planner in a: 10, 20, 30, 40 ms → p50 25, p95 at 2.85: 30 + 0.85 × 10.
    const planner = byName.get("planner")!;
    expect(planner.a).toMatchObject({ activations: 4, runCount: 4, errorRate: 0, avgTokens: 150 });
    nearly(planner.a!.p50Ms, 25);
    nearly(planner.a!.p95Ms, 38.5);
    expect(planner.a!.avgCostUsd).toBeCloseTo(0.001, 12);
    // planner in b, running run included (its node finished): 10, 12, 14, 16 → p50 13, p95 15.7.
    expect(planner.b).toMatchObject({ activations: 4, runCount: 4 });
    nearly(planner.b!.p50Ms, 13);
    nearly(planner.b!.p95Ms, 15.7);

    // researcher: a has one failed activation of 4; b's calls report usage of their own, added once.
    const researcher = byName.get("researcher")!;
    expect(researcher.a!.errorRate).toBe(0.25);
    expect(researcher.a!.avgTokens).toBe(150);
    expect(researcher.b).toMatchObject({ activations: 3, runCount: 3, errorRate: 0, avgTokens: 150 + 1200 });
    expect(researcher.b!.avgCostUsd).toBeCloseTo(0.011, 12);
    nearly(researcher.b!.p50Ms, 60);

    expect(byName.get("fact_checker")!.a).toBeNull();
    nearly(byName.get("fact_checker")!.b!.p95Ms, 39); // 20, 30, 40 → 30 + 0.9 × 10
    expect(byName.get("legacy")!.b).toBeNull();
    expect(byName.get("legacy")!.a).toMatchObject({ activations: 3, runCount: 3 });

    expect(comparison.a).toMatchObject({ logicId: A, finishedRunCount: 4, errorRate: 0.25, avgTokens: 400 });
    expect(comparison.b).toMatchObject({ logicId: B, finishedRunCount: 3, errorRate: 0 });
    // researcher p50: a 250 → b 60 (−76%); planner 25 → 13 (−48%); cost 0.025 → 0.03 (+20%).
    expect(comparison.summary).toBe("+1 node (fact_checker) · \u22121 node (legacy) · 1 changed (researcher: model) · researcher p50 \u221276% · cost/run +20% · error rate 25.0% \u2192 0.0%");
  });

  it("rejects a logic id the workload does not have", async () => {
    await expect(compareVersions(db(), "default", "qa", A, OTHER)).rejects.toThrow(`no version with logic id ${OTHER}`);
    await expect(compareVersions(db(), "default", "writer", A, OTHER)).rejects.toThrow(`no version with logic id ${A}`);
  });

  it("buckets the trend by day with version boundaries", async () => {
    // Three days of data: hours by default.
    expect((await workloadTrend(db(), "default", "qa", {}))!.bucket).toBe("hour");
    const trend = await workloadTrend(db(), "default", "qa", {}, "day");
    expect(trend!.bucket).toBe("day");
    expect(trend!.points.map((p) => [p.start.slice(0, 10), p.runCount])).toEqual([
      ["2024-11-21", 2],
      ["2024-11-22", 2],
      ["2024-11-23", 2],
      ["2024-11-24", 2],
    ]);
    // Day 2 of a: 300 (failed, still finished) and 400 → p95 395; day 4 of b: 200 and a running run → 200.
    expect(trend!.points[1]!.p95Ms).toBeCloseTo(395, 9);
    expect(trend!.points[3]!.p95Ms).toBeCloseTo(200, 9);
    expect(trend!.points[3]!.avgCostUsd).toBeCloseTo(0.04, 12);
    expect(trend!.boundaries.map((b) => [b.logicId, b.at.slice(0, 10)])).toEqual([
      [A, "2024-11-21"],
      [B, "2024-11-23"],
    ]);
    expect((await workloadTrend(db(), "default", "qa", {}, "week"))!.points.map((p) => [p.start.slice(0, 10), p.runCount])).toEqual([["2024-11-18", 8]]);
    expect(await workloadTrend(db(), "default", "nope", {})).toBeNull();
  });

  it("aligns two runs node by node", async () => {
    const comparison = await compareRuns(db(), "default", "a3", "b1");
    expect(comparison.sameVersion).toBe(false);
    expect(comparison.nodes.map((n) => [n.name, n.change, n.a?.status ?? null, n.b?.status ?? null])).toEqual([
      ["planner", "unchanged", "completed", "completed"],
      ["researcher", "changed", "failed", "completed"],
      ["fact_checker", "added", null, "completed"],
    ]);
    const researcher = comparison.nodes[1]!;
    expect(researcher.a).toMatchObject({ durationMs: 300, inputTokens: 100, outputTokens: 50 });
    expect(researcher.b).toMatchObject({ durationMs: 50, inputTokens: 1100, outputTokens: 250 });
    await expect(compareRuns(db(), "default", "a1", "missing")).rejects.toThrow("No run missing");
  });
});
