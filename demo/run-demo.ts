import { RunFailedError, type ExecutionReport } from "@/sdk";
import { startCodonTelemetry, type CodonTelemetry, type TelemetryStats } from "@/sdk/otel";
import { FakeLlm } from "@/demo/fake-llm";
import { demoSchedule, type ScheduledRun } from "@/demo/schedule";
import { answerQualityScore } from "@/demo/scores";
import { seededIds, seededRandom, seededSpanIds } from "@/demo/seeded";
import { SimClock } from "@/demo/sim-clock";
import type { DemoWorkload } from "@/demo/workloads/types";

export interface DemoTargets {
  /** gRPC endpoint, e.g. http://localhost:4317. */
  grpc: string;
  /** HTTP endpoint (base), e.g. http://localhost:4318. */
  http: string;
  apiKey?: string;
}

export interface VersionSummary {
  workload: string;
  version: string;
  change: string;
  logicId: string;
  runs: number;
  failedRuns: number;
  deployments: string[];
  inputTokens: number;
  outputTokens: number;
  /** Mean `answer_quality` of the version's runs (every run gets one, 0 when it failed). */
  answerQuality: number;
}

export interface DemoSummary {
  runs: number;
  failedRuns: number;
  /** Run scores sent as log records (one `answer_quality` per run); the node scores ride on spans. */
  scoreRecords: number;
  versions: VersionSummary[];
  /** Per transport: what the collector accepted and what failed. */
  transports: { grpc: TelemetryStats; http: TelemetryStats };
  /** Run ids worth opening first: the newest run of each workload. */
  latestRunByWorkload: Record<string, string>;
}

/** Runs the demo's history through the SDK and its OTLP exporters: gRPC and HTTP/protobuf. */
export async function runDemo(targets: DemoTargets, anchorMs: number): Promise<DemoSummary> {
  const schedule = demoSchedule(anchorMs);
  const anchorKey = new Date(anchorMs).toISOString();
  const telemetryFor = new Map<DemoWorkload, CodonTelemetry>();
  const transports = { grpc: [] as CodonTelemetry[], http: [] as CodonTelemetry[] };
  for (const workload of new Set(schedule.map((run) => run.workload))) {
    const telemetry = startCodonTelemetry({
      protocol: workload.transport === "grpc" ? "grpc" : "http/protobuf",
      endpoint: workload.transport === "grpc" ? targets.grpc : targets.http,
      apiKey: targets.apiKey,
      serviceName: workload.serviceName,
      orgNamespace: "acme",
      spanIdGenerator: seededSpanIds(`${anchorKey}/${workload.name}`),
    });
    telemetryFor.set(workload, telemetry);
    transports[workload.transport].push(telemetry);
  }

  const versions = new Map<string, VersionSummary>();
  const latestRunByWorkload: Record<string, string> = {};
  let failedRuns = 0;
  try {
    for (const scheduled of schedule) {
      const outcome = await executeRun(scheduled, telemetryFor.get(scheduled.workload)!);
      const key = `${scheduled.workload.name}#${scheduled.versionIndex}`;
      const summary =
        versions.get(key) ??
        ({
          workload: scheduled.workload.name,
          version: scheduled.version.version,
          change: scheduled.version.change,
          logicId: outcome.logicId,
          runs: 0,
          failedRuns: 0,
          deployments: [],
          inputTokens: 0,
          outputTokens: 0,
          answerQuality: 0,
        } satisfies VersionSummary);
      // A running mean: the summary holds no per-run list.
      summary.answerQuality += (outcome.answerQuality - summary.answerQuality) / (summary.runs + 1);
      summary.runs += 1;
      summary.failedRuns += outcome.failed ? 1 : 0;
      summary.inputTokens += outcome.inputTokens;
      summary.outputTokens += outcome.outputTokens;
      if (!summary.deployments.includes(scheduled.deploymentId)) summary.deployments.push(scheduled.deploymentId);
      versions.set(key, summary);
      failedRuns += outcome.failed ? 1 : 0;
      latestRunByWorkload[scheduled.workload.name] = scheduled.runId;
    }
  } finally {
    await Promise.all([...telemetryFor.values()].map((telemetry) => telemetry.shutdown()));
  }
  const total = (list: CodonTelemetry[]): TelemetryStats => {
    const sum = { spans: { sent: 0, failed: 0, lastError: null as string | null }, logs: { sent: 0, failed: 0, lastError: null as string | null } };
    for (const stats of list.map((telemetry) => telemetry.stats())) {
      for (const signal of ["spans", "logs"] as const) {
        sum[signal].sent += stats[signal].sent;
        sum[signal].failed += stats[signal].failed;
        sum[signal].lastError ??= stats[signal].lastError;
      }
    }
    return sum;
  };
  return {
    runs: schedule.length,
    failedRuns,
    scoreRecords: schedule.length,
    versions: [...versions.values()].sort((a, b) => a.workload.localeCompare(b.workload)),
    transports: { grpc: total(transports.grpc), http: total(transports.http) },
    latestRunByWorkload,
  };
}

/** What a run needs of the telemetry: the observer that exports it, and the way to score it afterwards. */
export type RunTelemetry = Pick<CodonTelemetry, "observer" | "recordScore">;

/** One scheduled run, then its `answer_quality` score as a log record on the finished run. */
export async function executeRun(scheduled: ScheduledRun, telemetry: RunTelemetry) {
  const clock = new SimClock(scheduled.startMs);
  const random = seededRandom(scheduled.seed);
  const workload = scheduled.version.build({ clock, llm: new FakeLlm(clock), random });
  const payload = scheduled.workload.input(scheduled.index, random);
  const options = {
    runId: scheduled.runId,
    deploymentId: scheduled.deploymentId,
    clock: clock.now,
    idGenerator: seededIds(scheduled.seed),
    observer: telemetry.observer,
    maxSteps: 50,
  };
  let report: ExecutionReport;
  try {
    report = await workload.execute(payload, options);
  } catch (error) {
    // A failing tool is part of the demo; anything else is a bug in it.
    if (!(error instanceof RunFailedError)) throw error;
    report = error.report;
  }
  const score = answerQualityScore(scheduled, report);
  telemetry.recordScore(report, score);
  return { logicId: report.logicId, failed: report.status === "error", answerQuality: score.value, ...tokens(report.activations) };
}

function tokens(activations: readonly { usage: readonly { inputTokens: number; outputTokens: number }[] }[]) {
  let inputTokens = 0;
  let outputTokens = 0;
  for (const activation of activations) {
    for (const usage of activation.usage) {
      inputTokens += usage.inputTokens;
      outputTokens += usage.outputTokens;
    }
  }
  return { inputTokens, outputTokens };
}
