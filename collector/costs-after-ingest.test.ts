import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeBatch } from "@/collector/store/write-batch";
import type { CostFilters } from "@/lib/costs/types";
import type { SpendOverTime } from "@/lib/costs/types";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewSpan } from "@/lib/db/types";
import { costPerRunTrend, spendOverTime, topRunsByCost } from "@/lib/costs/queries/costs";

// The costs queries over what ingest stored: spend split and counted once as the collector rolls it up.
const DAY_MS = 86_400_000;
const T0_MS = Date.parse("2026-11-02T00:00:00Z"); // a Monday
const A = "a".repeat(64);
const B = "b".repeat(64);
const C = "c".repeat(64);
const ALL: CostFilters = { window: {} };
const NOW_MS = T0_MS + 9 * DAY_MS + 3_600_000;

interface Call {
  model: string;
  vendor: string;
  cost: number;
  /** An agent.llm span under its node repeats the node's usage: stored with counts_usage false. */
  repeated?: boolean;
}

let spanSeq = 0;
function runSpans(runId: string, day: number, run: { workload?: string; logicId?: string; version?: string; deployment?: string }, calls: Call[]): NewSpan[] {
  const startMs = T0_MS + day * DAY_MS + 3_600_000;
  return calls.map((call, i) =>
    makeSpan({
      trace_id: runId.padEnd(32, "0"),
      span_id: String(++spanSeq).padStart(16, "0"),
      run_id: runId,
      name: call.repeated ? "agent.llm" : `codon.node.step${i}`,
      node_name: call.repeated ? null : `step${i}`,
      start_time_unix_nano: String(BigInt(startMs + i * 1000) * 1_000_000n),
      end_time_unix_nano: String(BigInt(startMs + i * 1000 + 500) * 1_000_000n),
      duration_ns: "500000000",
      workload_name: run.workload ?? null,
      workload_logic_id: run.logicId ?? null,
      workload_version: run.version ?? null,
      deployment_id: run.deployment ?? null,
      model_name: call.model,
      model_vendor: call.vendor,
      input_tokens: "100",
      output_tokens: "10",
      cost_usd: call.cost.toFixed(10),
      cost_source: "reported",
      counts_usage: !call.repeated,
    }),
  );
}

const gpt = (cost: number, repeated = false): Call => ({ model: "gpt-4o", vendor: "openai", cost, repeated });
const claude = (cost: number): Call => ({ model: "claude-sonnet-4", vendor: "anthropic", cost });

// Spend by workload: writer 0.60, qa 0.45, (none) 0.01, misc 8 × 0.001. By model: claude 0.70,
// gpt-4o 0.10 + 0.05 + 0.20 + 0.01 + 0.008 = 0.368 (r1's agent.llm repeat is not added).
const spans: NewSpan[] = [
  ...runSpans("r1", 0, { workload: "qa", logicId: A, version: "1.0", deployment: "prod" }, [gpt(0.1), gpt(0.1, true)]),
  ...runSpans("r2", 0, { workload: "qa", logicId: B, version: "1.1", deployment: "prod" }, [claude(0.3), gpt(0.05)]),
  ...runSpans("r3", 1, { workload: "writer", logicId: C, version: "2.0", deployment: "staging" }, [gpt(0.2)]),
  ...runSpans("r4", 8, { workload: "writer", logicId: C, version: "2.0", deployment: "staging" }, [claude(0.4)]),
  ...runSpans("r5", 1, {}, [gpt(0.01)]),
  ...Array.from({ length: 8 }, (_, i) => runSpans(`m${i + 1}`, 2, { workload: "misc", deployment: `d${i + 1}` }, [gpt(0.001)])).flat(),
];

const close = (actual: number | undefined, expected: number) => expect(Math.abs((actual ?? NaN) - expected)).toBeLessThan(1e-9);
const seriesTotals = (spend: SpendOverTime) => spend.series.map((s) => [s.key, s.label, Number(s.totalUsd.toFixed(9))]);

describe.each(testBackends())("costs queries on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;

  beforeAll(async () => {
    handle = await backend.open();
    // Everything ended long before this cutoff: every run is finished.
    await writeBatch(db(), { spans, auditEvents: [], graphs: [], nodeSpecs: [] }, BigInt(NOW_MS) * 1_000_000n);
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("splits spend by workload per day, counting repeated usage once; the series add up to the total", async () => {
    const spend = await spendOverTime(db(), "default", ALL, "workload", "day", NOW_MS);
    expect(seriesTotals(spend)).toEqual([
      ["writer", "writer", 0.6],
      ["qa", "qa", 0.45],
      ["", "(no workload)", 0.01],
      ["misc", "misc", 0.008],
    ]);
    close(spend.totalUsd, 1.068);
    expect(spend.runCount).toBe(13);
    // Every day from the first spend to now, empty days included.
    expect(spend.points.map((p) => p.start.slice(0, 10))).toEqual(Array.from({ length: 10 }, (_, d) => new Date(T0_MS + d * DAY_MS).toISOString().slice(0, 10)));
    close(spend.points[0]!.values.qa, 0.45);
    close(spend.points[1]!.values.writer, 0.2);
    close(spend.points[1]!.values[""], 0.01);
    close(spend.points[2]!.totalUsd, 0.008);
    expect(spend.points[3]!.values).toEqual({});
    close(spend.points[8]!.values.writer, 0.4);
  });

  it("splits by model from the per-run model roll-up", async () => {
    const spend = await spendOverTime(db(), "default", ALL, "model", "week", NOW_MS);
    expect(seriesTotals(spend)).toEqual([
      ["anthropic\u001fclaude-sonnet-4", "claude-sonnet-4 (anthropic)", 0.7],
      ["openai\u001fgpt-4o", "gpt-4o (openai)", 0.368],
    ]);
    expect(spend.points.map((p) => p.start.slice(0, 10))).toEqual(["2026-11-02", "2026-11-09"]);
    close(spend.points[0]!.values["anthropic\u001fclaude-sonnet-4"], 0.3);
    close(spend.points[1]!.values["anthropic\u001fclaude-sonnet-4"], 0.4);
  });

  it("labels versions with their workload, version string and logic id", async () => {
    const spend = await spendOverTime(db(), "default", { window: {}, workload: "qa" }, "version", "day", NOW_MS);
    expect(spend.series.map((s) => [s.label, s.workload, s.logicId, Number(s.totalUsd.toFixed(9))])).toEqual([
      ["qa 1.1 · bbbbbbbb", "qa", B, 0.35],
      ["qa 1.0 · aaaaaaaa", "qa", A, 0.1],
    ]);
    expect(spend.runCount).toBe(2);
  });

  it("sums the series past the first seven as Other, drawn last", async () => {
    const spend = await spendOverTime(db(), "default", ALL, "deployment", "day", NOW_MS);
    expect(seriesTotals(spend)).toEqual([
      ["staging", "staging", 0.6],
      ["prod", "prod", 0.45],
      ["", "(no deployment)", 0.01],
      ["d1", "d1", 0.001],
      ["d2", "d2", 0.001],
      ["d3", "d3", 0.001],
      ["d4", "d4", 0.001],
      ["other", "Other", 0.004],
    ]);
    close(spend.totalUsd, 1.068);
    close(spend.points[2]!.values.other, 0.004);
  });

  it("narrows by window, deployment and logic id prefix", async () => {
    const fromDay1 = { fromNs: BigInt(T0_MS + DAY_MS) * 1_000_000n, toNs: BigInt(T0_MS + 2 * DAY_MS) * 1_000_000n };
    const windowed = await spendOverTime(db(), "default", { window: fromDay1 }, "workload", "day", NOW_MS);
    expect(seriesTotals(windowed)).toEqual([
      ["writer", "writer", 0.2],
      ["", "(no workload)", 0.01],
    ]);
    expect(windowed.points.map((p) => p.start.slice(0, 10))).toEqual(["2026-11-03"]);
    const staging = await spendOverTime(db(), "default", { window: {}, deployment: "staging", logicId: "cccc" }, "model", "day", NOW_MS);
    close(staging.totalUsd, 0.6);
    expect(staging.runCount).toBe(2);
  });

  it("lists the most expensive runs first", async () => {
    const top = await topRunsByCost(db(), "default", ALL, 4);
    expect(top.runs.map((r) => [r.runId, Number(r.costUsd.toFixed(9))])).toEqual([
      ["r4", 0.4],
      ["r2", 0.35],
      ["r3", 0.2],
      ["r1", 0.1],
    ]);
    expect(top.runs[0]).toMatchObject({ workload: "writer", version: "2.0", logicId: C, deployment: "staging", status: "completed", inputTokens: 100, outputTokens: 10 });
  });

  it("averages the cost of a finished run per workload and bucket", async () => {
    const trend = await costPerRunTrend(db(), "default", ALL, "day");
    expect(trend.workloads).toEqual(["misc", "qa", "writer"]);
    const byDay = Object.fromEntries(trend.points.map((p) => [p.start.slice(0, 10), p.values]));
    close(byDay["2026-11-02"]!.qa, (0.1 + 0.35) / 2);
    close(byDay["2026-11-03"]!.writer, 0.2);
    close(byDay["2026-11-04"]!.misc, 0.001);
    close(byDay["2026-11-10"]!.writer, 0.4);
  });
});
