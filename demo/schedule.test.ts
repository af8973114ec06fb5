import { describe, expect, it } from "vitest";
import { FakeLlm } from "@/demo/fake-llm";
import { demoAnchor, demoSchedule, DEMO_WORKLOADS, DEPLOYMENTS, HISTORY_DAYS } from "@/demo/schedule";
import { seededRandom } from "@/demo/seeded";
import { SimClock } from "@/demo/sim-clock";

const ANCHOR = Date.UTC(2026, 10, 21, 15, 0, 0);
const DAY = 86_400_000;
const env = () => {
  const clock = new SimClock(ANCHOR);
  return { clock, llm: new FakeLlm(clock), random: seededRandom("test") };
};

describe("demo schedule", () => {
  it("is the same for the same anchor, and different for another hour", () => {
    const first = demoSchedule(ANCHOR).map((run) => [run.runId, run.startMs, run.deploymentId]);
    expect(demoSchedule(ANCHOR).map((run) => [run.runId, run.startMs, run.deploymentId])).toEqual(first);
    const later = new Set(demoSchedule(ANCHOR + 3_600_000).map((run) => run.runId));
    expect(first.some(([runId]) => later.has(runId as string))).toBe(false);
  });

  it("anchors at the start of the hour", () => {
    expect(demoAnchor(ANCHOR + 59 * 60_000)).toBe(ANCHOR);
  });

  it("spreads every version over the past two weeks, in both deployments", () => {
    const runs = demoSchedule(ANCHOR);
    expect(new Set(runs.map((run) => run.runId)).size).toBe(runs.length);
    expect(Math.min(...runs.map((run) => run.startMs))).toBeGreaterThanOrEqual(ANCHOR - HISTORY_DAYS * DAY);
    expect(Math.max(...runs.map((run) => run.startMs))).toBeLessThanOrEqual(ANCHOR - 10 * 60_000);
    expect(runs.filter((run) => run.startMs > ANCHOR - DAY).length).toBeGreaterThan(0);
    for (const workload of DEMO_WORKLOADS) {
      expect(workload.versions.length).toBeGreaterThanOrEqual(2);
      workload.versions.forEach((_version, index) => {
        const deployments = new Set(runs.filter((run) => run.workload === workload && run.versionIndex === index).map((run) => run.deploymentId));
        expect([...deployments].sort()).toEqual([...DEPLOYMENTS].sort());
      });
    }
  });

  it("gives every version its own logic id, one pair sharing a version string", () => {
    const logicIds = new Set<string>();
    let reused = 0;
    for (const workload of DEMO_WORKLOADS) {
      const strings = workload.versions.map((version) => version.version);
      reused += strings.length - new Set(strings).size;
      for (const version of workload.versions) logicIds.add(version.build(env()).logicId);
    }
    expect(logicIds.size).toBe(DEMO_WORKLOADS.reduce((sum, workload) => sum + workload.versions.length, 0));
    expect(reused).toBeGreaterThanOrEqual(1);
  });

  it("builds the QA agent's first version as the documented test vector", () => {
    const qa = DEMO_WORKLOADS.find((workload) => workload.name === "QA-Agent")!;
    expect(qa.versions[0]!.build(env()).logicId).toBe("603dd8072ba07c4aaa9d0a9782dcc4d997374756e8df50ea22c92aa2c5d18417");
  });
});

describe("FakeLlm", () => {
  it("answers the same request the same way, advancing the run's clock and recording usage", () => {
    const usages: unknown[] = [];
    const runtime = { recordUsage: (usage: unknown) => usages.push(usage) } as unknown as Parameters<FakeLlm["complete"]>[0];
    const request = { model: { id: "gpt-4o-mini-2024-07-18", vendor: "openai", firstTokenMs: 400, msPerToken: 10 }, system: "Be brief.", prompt: "Why?", answers: ["a", "b", "c"], outputTokens: 100 };
    const clocks = [new SimClock(0), new SimClock(0)];
    const [one, two] = clocks.map((clock) => new FakeLlm(clock).complete(runtime, request));
    expect(one).toEqual(two);
    expect(clocks[0]!.now()).toBe(clocks[1]!.now());
    expect(clocks[0]!.now()).toBeGreaterThan(400 * 0.8);
    expect(one!.inputTokens).toBe(180 + Math.ceil(("Be brief.".length + "Why?".length) / 4));
    expect(one!.outputTokens).toBeGreaterThanOrEqual(70);
    expect(one!.outputTokens).toBeLessThanOrEqual(130);
    expect(usages[0]).toMatchObject({ model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens: one!.inputTokens, outputTokens: one!.outputTokens });
  });
});
