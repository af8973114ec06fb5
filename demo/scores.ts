import type { ExecutionReport } from "@/sdk";
import type { RunScoreInput } from "@/sdk/otel";
import type { ScheduledRun } from "@/demo/schedule";
import { seededRandom, uuidFrom } from "@/demo/seeded";

// The demo's automatic evaluation: a simulated judge gives every run an `answer_quality` in [0, 1].
// Each version has its own mean (DemoVersion.answerQuality); the run's seed decides the spread
// around it, so the same anchor always sends the same scores, and sending them twice stores one.

export const ANSWER_QUALITY = "answer_quality";
/** Half-width of a run's deviation from its version's mean (a triangular spread). */
const SPREAD = 0.15;

/** The score a run gets: 0 when it failed before answering. */
export function answerQualityScore(scheduled: ScheduledRun, report: ExecutionReport): RunScoreInput & { value: number } {
  const id = uuidFrom(`${scheduled.seed}/${ANSWER_QUALITY}`);
  const timestamp = Date.parse(report.finishedAt);
  if (report.status === "error") return { name: ANSWER_QUALITY, value: 0, explanation: "the run failed before it answered", id, timestamp };
  // Its own random stream: scoring must not change what the run itself drew.
  const random = seededRandom(`${scheduled.seed}/${ANSWER_QUALITY}`);
  const raw = scheduled.version.answerQuality + (random() + random() - 1) * SPREAD;
  const value = Math.round(Math.min(1, Math.max(0, raw)) * 1000) / 1000;
  return { name: ANSWER_QUALITY, value, explanation: verdict(value), id, timestamp };
}

function verdict(value: number): string {
  if (value >= 0.8) return "simulated judge: complete and well sourced";
  if (value >= 0.6) return "simulated judge: mostly right, thin on sources";
  return "simulated judge: incomplete or partly off topic";
}
