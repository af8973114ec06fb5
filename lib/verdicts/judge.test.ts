import { describe, expect, it } from "vitest";
import { gaussian, seededRandom } from "@/lib/stats/seeded-random";
import { judgeVersion, type RunSample } from "@/lib/verdicts/judge";
import { describeChange } from "@/lib/verdicts/describe";
import { DEFAULT_VERDICT_SETTINGS } from "@/lib/verdicts/settings";

interface Shape {
  durationMs: number;
  costUsd: number;
  tokens: number;
  failureRate: number;
  writerMs: number;
}
const BASE: Shape = { durationMs: 4000, costUsd: 0.02, tokens: 3000, failureRate: 0.05, writerMs: 1500 };

/** Runs whose figures scatter log-normally (σ 0.35) around the shape, as agent runs do. */
function runs(count: number, shape: Shape, random: () => number): RunSample[] {
  const around = (centre: number) => centre * Math.exp(0.35 * gaussian(random));
  return Array.from({ length: count }, () => ({
    failed: random() < shape.failureRate,
    durationMs: around(shape.durationMs),
    costUsd: around(shape.costUsd),
    tokens: Math.round(around(shape.tokens)),
    nodeDurationsMs: new Map([
      ["writer", around(shape.writerMs)],
      ["planner", around(300)],
    ]),
  }));
}

describe("judgeVersion", () => {
  it("flags a version that costs twice as much as a cost regression, with the interval in the headline", async () => {
    const random = seededRandom(1);
    const verdict = await judgeVersion(runs(40, BASE, random), runs(40, { ...BASE, costUsd: 0.04, tokens: 6000 }, random), DEFAULT_VERDICT_SETTINGS, "a:b");
    expect(verdict.status).toBe("regressed");
    expect(verdict.headline).toMatch(/^regressed: (cost|tokens) \+\d+% \[\+\d+%, \+\d+%\]$/);
    const cost = verdict.comparisons.find((c) => c.metric === "cost")!;
    expect(cost.call).toBe("regressed");
    expect(cost.change.estimate).toBeGreaterThan(0.6);
    expect(cost.change.low).toBeGreaterThan(0.3);
    expect(cost.test).toBe("mann-whitney");
    expect(cost.adjustedPValue).toBeLessThan(0.05);
    // The distributions side by side: five ascending quantiles a side, b's median near twice a's.
    for (const side of [cost.quantiles!.baseline, cost.quantiles!.candidate]) expect(side).toEqual([...side].sort((x, y) => x - y));
    expect(cost.quantiles!.candidate[2]! / cost.quantiles!.baseline[2]!).toBeGreaterThan(1.5);
    expect(verdict.comparisons.find((c) => c.metric === "error_rate")!.quantiles).toBeNull();
    // Durations did not move: not called.
    expect(verdict.comparisons.find((c) => c.metric === "duration")!.call).toBe("unchanged");
  });

  it("calls a node 30% faster an improvement and names it", async () => {
    const random = seededRandom(2);
    const verdict = await judgeVersion(runs(60, BASE, random), runs(60, { ...BASE, writerMs: 600, durationMs: 3100 }, random), DEFAULT_VERDICT_SETTINGS, "a:b");
    expect(verdict.status).toBe("improved");
    const writer = verdict.comparisons.find((c) => c.metric === "node_duration" && c.node === "writer")!;
    expect(writer.call).toBe("improved");
    expect(writer.change.high).toBeLessThan(0);
    expect(writer.p95Change).not.toBeNull();
    expect(verdict.comparisons.find((c) => c.node === "planner")!.call).toBe("unchanged");
  });

  it("flags a failure rate that went from 5% to 40%, with the rate test and an absolute interval", async () => {
    const random = seededRandom(3);
    const verdict = await judgeVersion(runs(50, BASE, random), runs(50, { ...BASE, failureRate: 0.4 }, random), DEFAULT_VERDICT_SETTINGS, "a:b");
    const errors = verdict.comparisons.find((c) => c.metric === "error_rate")!;
    expect(errors.call).toBe("regressed");
    expect(errors.changeKind).toBe("absolute");
    expect(["fisher", "two-proportion z"]).toContain(errors.test);
    expect(verdict.status).toBe("regressed");
  });

  it("does not flag identical runs, nor a change smaller than the minimum effect however many runs", async () => {
    const random = seededRandom(4);
    const same = runs(40, BASE, random);
    expect((await judgeVersion(same, same, DEFAULT_VERDICT_SETTINGS, "a:b")).status).toBe("unchanged");
    // 5% slower on 2,000 runs a side: significant, but under the 10% that is called.
    const slightly = await judgeVersion(runs(2000, BASE, random), runs(2000, { ...BASE, durationMs: 4200, writerMs: 1575 }, random), DEFAULT_VERDICT_SETTINGS, "a:b");
    const duration = slightly.comparisons.find((c) => c.metric === "duration")!;
    expect(duration.adjustedPValue).toBeLessThan(0.05);
    expect(duration.call).toBe("unchanged");
    expect(slightly.status).toBe("unchanged");
  });

  it("is the same verdict on the same runs", async () => {
    const random = seededRandom(5);
    const a = runs(30, BASE, random);
    const b = runs(30, { ...BASE, durationMs: 6000 }, random);
    expect(await judgeVersion(a, b, DEFAULT_VERDICT_SETTINGS, "a:b")).toEqual(await judgeVersion(a, b, DEFAULT_VERDICT_SETTINGS, "a:b"));
  });

  it("skips what has no relative change: costs of runs without prices", async () => {
    const random = seededRandom(6);
    const free = (list: RunSample[]) => list.map((run) => ({ ...run, costUsd: 0 }));
    const verdict = await judgeVersion(free(runs(30, BASE, random)), free(runs(30, BASE, random)), DEFAULT_VERDICT_SETTINGS, "a:b");
    expect(verdict.comparisons.some((c) => c.metric === "cost")).toBe(false);
  });

  it("flags at most 5% of version pairs drawn from one distribution (1,000 simulated pairs)", async () => {
    const random = seededRandom(7);
    let flagged = 0;
    for (let pair = 0; pair < 1000; pair++) {
      const size = 20 + Math.floor(random() * 60);
      const verdict = await judgeVersion(runs(size, BASE, random), runs(20 + Math.floor(random() * 60), BASE, random), DEFAULT_VERDICT_SETTINGS, `pair-${pair}`);
      if (verdict.status !== "unchanged") flagged++;
    }
    // Holm keeps the chance of any false call ≤ α; the minimum effect and the interval check cut it further.
    expect(flagged / 1000).toBeLessThanOrEqual(0.05);
    console.log(`false-positive rate under the null: ${(flagged / 10).toFixed(1)}% of 1,000 pairs`);
  }, 120_000);

  it("calls a version that is 30% cheaper but answers 20% worse a regression, by its score", async () => {
    const random = seededRandom(7);
    const scored = (list: RunSample[], quality: number, groundedRate: number) =>
      list.map((run) => ({ ...run, scores: new Map([["answer_quality", Math.min(1, Math.max(0, quality + 0.08 * gaussian(random)))]]), passes: new Map([["grounded", random() < groundedRate]]) }));
    const baseline = scored(runs(40, BASE, random), 0.8, 0.95);
    const candidate = scored(runs(40, { ...BASE, costUsd: 0.014, tokens: 2100 }, random), 0.64, 0.6);
    const verdict = await judgeVersion(baseline, candidate, DEFAULT_VERDICT_SETTINGS, "a:b");
    expect(verdict.status).toBe("regressed");
    const quality = verdict.comparisons.find((c) => c.metric === "score" && c.node === "answer_quality")!;
    expect(quality).toMatchObject({ call: "regressed", statistic: "mean", changeKind: "relative", test: "mann-whitney" });
    expect(quality.change.estimate).toBeLessThan(-0.15);
    expect(quality.change.high).toBeLessThan(0);
    const grounded = verdict.comparisons.find((c) => c.metric === "score_pass_rate" && c.node === "grounded")!;
    expect(grounded).toMatchObject({ call: "regressed", changeKind: "absolute" });
    expect(grounded.change.estimate).toBeLessThan(-0.2);
    // Cheaper is still an improvement in its own row; the verdict as a whole is the regression.
    expect(verdict.comparisons.find((c) => c.metric === "cost")!.call).toBe("improved");
    expect(verdict.headline).toMatch(/^regressed: (answer_quality −\d+%|grounded pass rate −\d+\.\d pp) \[/);
  });

  it("calls a better score an improvement, and leaves names too few runs carry out", async () => {
    const random = seededRandom(11);
    const withQuality = (list: RunSample[], quality: number, every: number) => list.map((run, i) => (i % every === 0 ? { ...run, scores: new Map([["answer_quality", quality + 0.05 * gaussian(random)]]) } : run));
    const verdict = await judgeVersion(withQuality(runs(40, BASE, random), 0.6, 1), withQuality(runs(40, BASE, random), 0.8, 1), DEFAULT_VERDICT_SETTINGS, "a:b");
    expect(verdict.comparisons.find((c) => c.metric === "score")!.call).toBe("improved");
    const sparse = await judgeVersion(withQuality(runs(40, BASE, random), 0.6, 8), withQuality(runs(40, BASE, random), 0.8, 8), DEFAULT_VERDICT_SETTINGS, "a:b");
    expect(sparse.comparisons.some((c) => c.metric === "score")).toBe(false);
  });
});

describe("describeChange", () => {
  it("writes relative changes in percent and rate changes in points, with a real minus sign", () => {
    expect(describeChange({ metric: "cost", node: null, statistic: "mean", changeKind: "relative", change: { estimate: 1.2, low: 0.95, high: 1.5 } })).toBe("cost +120% [+95%, +150%]");
    expect(describeChange({ metric: "node_duration", node: "writer", statistic: "p50", changeKind: "relative", change: { estimate: -0.3, low: -0.41, high: -0.18 } })).toBe("writer p50 −30% [−41%, −18%]");
    expect(describeChange({ metric: "error_rate", node: null, statistic: "rate", changeKind: "absolute", change: { estimate: 0.08, low: 0.031, high: 0.129 } })).toBe("error rate +8.0 pp [+3.1 pp, +12.9 pp]");
    expect(describeChange({ metric: "score", node: "answer_quality", statistic: "mean", changeKind: "relative", change: { estimate: -0.2, low: -0.28, high: -0.12 } })).toBe("answer_quality −20% [−28%, −12%]");
    expect(describeChange({ metric: "score_pass_rate", node: "grounded", statistic: "rate", changeKind: "absolute", change: { estimate: -0.35, low: -0.5, high: -0.2 } })).toBe("grounded pass rate −35.0 pp [−50.0 pp, −20.0 pp]");
    expect(describeChange({ metric: "duration", node: null, statistic: "p50", changeKind: "relative", change: { estimate: 0.05, low: 0.01, high: 0.09 } })).toBe("duration p50 +5.0% [+1.0%, +9.0%]");
  });
});
