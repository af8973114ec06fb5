import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { makeSpan } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { gaussian, seededRandom } from "@/lib/stats/seeded-random";
import { DEFAULT_VERDICT_SETTINGS } from "@/lib/verdicts/settings";
import { versionVerdicts, workloadVerdicts } from "@/lib/verdicts/queries";
import { startVerdicts, type VerdictJob } from "@/collector/verdicts/verdict-job";
import { writeBatch } from "@/collector/store/write-batch";

const LOGIC = { a: "a1".repeat(32), b: "b2".repeat(32), c: "c3".repeat(32) };
const T0 = 1_764_000_000_000_000_000n;
const SEC = 1_000_000_000n;
const ALL_FINISHED = BigInt(Date.now()) * 1_000_000n;

let seq = 0;
/**
 * `count` runs of Research-Bot under `logicId` in `deployment`, each a planner and a writer span;
 * the writer calls gpt-4o-mini with `tokens` tokens (so cost follows tokens) and takes ~`writerMs`.
 */
async function seedRuns(db: TestDatabase["database"]["kysely"], logicId: string, deployment: string, count: number, shape: { tokens: number; writerMs: number }, random: () => number) {
  const spans = [];
  for (let i = 0; i < count; i++) {
    seq++;
    const start = T0 + BigInt(seq) * 60n * SEC;
    const writerNs = BigInt(Math.round(shape.writerMs * Math.exp(0.2 * gaussian(random)) * 1e6));
    const common = { trace_id: seq.toString(16).padStart(32, "0"), run_id: `run-${seq}`, workload_name: "Research-Bot", workload_logic_id: logicId, deployment_id: deployment };
    spans.push(
      makeSpan({ ...common, span_id: `${seq.toString(16).padStart(12, "0")}0001`, node_name: "planner", start_time_unix_nano: start.toString(), end_time_unix_nano: (start + SEC / 4n).toString(), duration_ns: (SEC / 4n).toString() }),
      makeSpan({
        ...common,
        span_id: `${seq.toString(16).padStart(12, "0")}0002`,
        name: "codon.node.writer",
        node_name: "writer",
        model_name: "gpt-4o-mini",
        model_vendor: "openai",
        input_tokens: String(Math.round(shape.tokens * Math.exp(0.2 * gaussian(random)))),
        output_tokens: "100",
        start_time_unix_nano: (start + SEC / 4n).toString(),
        end_time_unix_nano: (start + SEC / 4n + writerNs).toString(),
        duration_ns: writerNs.toString(),
      }),
    );
  }
  await writeBatch(db, { spans, auditEvents: [], graphs: [], nodeSpecs: [] }, ALL_FINISHED);
}

describe.each(testBackends())("version verdicts on $name", (backend) => {
  let handle: TestDatabase;
  let jobs: VerdictJob[] = [];
  const db = () => handle.database.kysely;
  const job = (holder = "collector-1") => {
    const started = startVerdicts(db(), { settings: DEFAULT_VERDICT_SETTINGS, holder, firstPassMs: 3_600_000, intervalMs: 3_600_000, restRatio: 0 });
    jobs.push(started);
    return started;
  };

  beforeAll(async () => {
    handle = await backend.open();
    const random = seededRandom(42);
    await seedRuns(db(), LOGIC.a, "prod", 30, { tokens: 2000, writerMs: 1500 }, random);
    await seedRuns(db(), LOGIC.b, "prod", 30, { tokens: 6000, writerMs: 1500 }, random);
    await seedRuns(db(), LOGIC.c, "prod", 5, { tokens: 6000, writerMs: 1500 }, random);
    await seedRuns(db(), LOGIC.b, "staging", 3, { tokens: 6000, writerMs: 1500 }, random);
  }, 120_000);
  afterEach(async () => {
    await Promise.all(jobs.map((started) => started.close()));
    jobs = [];
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("judges each version against the one before it in its deployment, and flags the costlier one with its interval", async () => {
    expect((await job().pass()).written).toBe(4);
    const verdicts = await workloadVerdicts(db(), "default", "Research-Bot");
    expect(verdicts.get(LOGIC.a)!.map((v) => [v.deployment, v.status])).toEqual([["prod", "no_baseline"]]);
    expect(verdicts.get(LOGIC.c)!.map((v) => [v.status, v.headline, v.baselineLogicId])).toEqual([["too_few_runs", "too few runs (5/20)", LOGIC.b]]);
    // B is first in staging: busiest deployment first.
    expect(verdicts.get(LOGIC.b)!.map((v) => [v.deployment, v.status])).toEqual([["prod", "regressed"], ["staging", "no_baseline"]]);

    const [prod] = await versionVerdicts(db(), "default", "Research-Bot", LOGIC.b);
    expect(prod!.baselineLogicId).toBe(LOGIC.a);
    expect(prod!.runCount).toBe(30);
    expect(prod!.baselineRunCount).toBe(30);
    expect(prod!.headline).toMatch(/^regressed: (cost|tokens) \+\d+% \[\+\d+%, \+\d+%\]$/);
    const cost = prod!.comparisons.find((c) => c.metric === "cost")!;
    expect(cost.call).toBe("regressed");
    expect(cost.change.estimate).toBeGreaterThan(1);
    // The writer did not get slower; the planner never changed.
    expect(prod!.comparisons.filter((c) => c.metric === "node_duration").map((c) => [c.node, c.call])).toEqual([
      ["planner", "unchanged"],
      ["writer", "unchanged"],
    ]);
  });

  it("recomputes only the verdicts whose runs moved", async () => {
    const verdicts = job();
    await verdicts.pass({ full: true });
    expect((await verdicts.pass({ full: true })).written).toBe(0);
    await seedRuns(db(), LOGIC.c, "prod", 1, { tokens: 6000, writerMs: 1500 }, seededRandom(1));
    expect((await verdicts.pass({ full: true })).written).toBe(1);
    expect((await versionVerdicts(db(), "default", "Research-Bot", LOGIC.c))[0]!.headline).toBe("too few runs (6/20)");
  });

  it("judges scores that arrive after its runs: a pass after them recomputes the verdict, and worse answers regress it", async () => {
    const verdicts = job();
    await verdicts.pass({ full: true });
    // An incremental pass (not a full sweep) must notice the scores on their own.
    expect((await verdicts.pass()).written).toBe(0);
    const runsOf = async (logicId: string) =>
      (await db().selectFrom("runs").select("run_id").where("workload_logic_id", "=", logicId).where("deployment_id", "=", "prod").execute()).map((row) => row.run_id);
    const random = seededRandom(5);
    const rows = [...(await runsOf(LOGIC.a)).map((runId) => ({ runId, quality: 0.8 })), ...(await runsOf(LOGIC.b)).map((runId) => ({ runId, quality: 0.55 }))].map(({ runId, quality }, i) => ({
      tenant_id: "default", score_id: `q-${i}`, run_id: runId, name: "answer_quality", data_type: "numeric" as const, value: quality + 0.05 * gaussian(random), source: "api" as const, time_unix_nano: T0.toString(),
    }));
    await db().insertInto("scores").values(rows).execute();
    expect((await verdicts.pass()).written).toBeGreaterThanOrEqual(1);
    const [prod] = await versionVerdicts(db(), "default", "Research-Bot", LOGIC.b);
    const quality = prod!.comparisons.find((c) => c.metric === "score" && c.node === "answer_quality")!;
    expect(quality.call).toBe("regressed");
    expect(quality.change.estimate).toBeLessThan(-0.2);
    expect(prod!.status).toBe("regressed");
    await sql`delete from scores`.execute(db());
  });

  it("runs on one collector at a time: another waits for the lease, and takes it once released", async () => {
    const first = job("collector-1");
    const second = job("collector-2");
    await sql`delete from version_verdicts`.execute(db());
    expect((await first.pass()).written).toBe(4);
    await sql`delete from version_verdicts`.execute(db());
    expect((await second.pass()).written).toBe(0);
    await first.close();
    expect((await second.pass()).written).toBe(4);
  });
});
