import { seededRandom, uuidFrom } from "@/demo/seeded";
import { draftReviewer } from "@/demo/workloads/draft-reviewer";
import { qaAgent } from "@/demo/workloads/qa-agent";
import { researchWriter } from "@/demo/workloads/research-writer";
import { supportAgent } from "@/demo/workloads/support-agent";
import type { DemoVersion, DemoWorkload } from "@/demo/workloads/types";

export const DEMO_WORKLOADS: readonly DemoWorkload[] = [qaAgent, researchWriter, draftReviewer, supportAgent];
export const DEPLOYMENTS = ["prod", "staging"] as const;
export const HISTORY_DAYS = 14;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** When each version was live (days before the anchor) and how many runs it had per deployment. */
interface VersionWindow {
  fromDaysAgo: number;
  toDaysAgo: number;
  runs: Record<(typeof DEPLOYMENTS)[number], number>;
}

// Versions overlap a little, as a rollout does (staging first, then prod), so trend charts show the switch.
// 24 prod runs a version: enough for a verdict (VERDICT_MIN_RUNS, 20) on each; staging's few show "too few runs".
const WINDOWS: Record<string, readonly VersionWindow[]> = {
  [qaAgent.name]: [
    { fromDaysAgo: 14, toDaysAgo: 9, runs: { prod: 24, staging: 3 } },
    { fromDaysAgo: 9.5, toDaysAgo: 4, runs: { prod: 24, staging: 3 } },
    { fromDaysAgo: 4.5, toDaysAgo: 0, runs: { prod: 24, staging: 4 } },
  ],
  [researchWriter.name]: [
    { fromDaysAgo: 13.5, toDaysAgo: 6, runs: { prod: 24, staging: 2 } },
    { fromDaysAgo: 7, toDaysAgo: 0, runs: { prod: 24, staging: 4 } },
  ],
  [draftReviewer.name]: [
    { fromDaysAgo: 13, toDaysAgo: 6, runs: { prod: 24, staging: 2 } },
    { fromDaysAgo: 6.5, toDaysAgo: 0, runs: { prod: 24, staging: 3 } },
  ],
  [supportAgent.name]: [
    { fromDaysAgo: 14, toDaysAgo: 5, runs: { prod: 24, staging: 3 } },
    { fromDaysAgo: 5.5, toDaysAgo: 0, runs: { prod: 24, staging: 4 } },
  ],
};

export interface ScheduledRun {
  workload: DemoWorkload;
  version: DemoVersion;
  versionIndex: number;
  deploymentId: string;
  runId: string;
  /** Epoch ms. */
  startMs: number;
  /** Seed for everything random in the run (tool failures, review scores, the input). */
  seed: string;
  index: number;
}

/**
 * The demo's history: the same anchor always gives the same runs (ids, times, inputs), which is
 * what makes sending it twice harmless. The anchor is the current hour, so the newest runs are recent.
 */
export function demoSchedule(anchorMs: number): ScheduledRun[] {
  const anchorKey = new Date(anchorMs).toISOString();
  const runs: ScheduledRun[] = [];
  for (const workload of DEMO_WORKLOADS) {
    const windows = WINDOWS[workload.name] ?? [];
    if (windows.length !== workload.versions.length) throw new Error(`demo schedule: ${workload.name} needs one window per version`);
    workload.versions.forEach((version, versionIndex) => {
      const window = windows[versionIndex]!;
      for (const deploymentId of DEPLOYMENTS) {
        const random = seededRandom(`${anchorKey}/${workload.name}/${versionIndex}/${deploymentId}`);
        for (let i = 0; i < window.runs[deploymentId]; i++) {
          const daysAgo = window.toDaysAgo + random() * (window.fromDaysAgo - window.toDaysAgo);
          // At least a few minutes old, so no demo run looks like it is still running.
          const startMs = Math.min(anchorMs - 10 * 60_000, Math.round(anchorMs - daysAgo * DAY_MS));
          const seed = `${anchorKey}/${workload.name}/${versionIndex}/${deploymentId}/${i}`;
          runs.push({ workload, version, versionIndex, deploymentId, runId: uuidFrom(seed), startMs, seed, index: i });
        }
      }
    });
  }
  return runs.sort((a, b) => a.startMs - b.startMs || a.runId.localeCompare(b.runId));
}

/** The start of the current hour: the demo's history ends here. */
export function demoAnchor(now = Date.now()): number {
  return Math.floor(now / HOUR_MS) * HOUR_MS;
}
