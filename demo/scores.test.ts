import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { beforeAll, describe, expect, it } from "vitest";
import { CodonOtelObserver } from "@/sdk/otel";
import { executeRun } from "@/demo/run-demo";
import { demoSchedule, type ScheduledRun } from "@/demo/schedule";

const ANCHOR = Date.UTC(2026, 10, 21, 15, 0, 0);
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The whole demo history through the real run path, exported to in-memory OTel exporters. */
async function sendDemo() {
  const spans = new InMemorySpanExporter();
  const logs = new InMemoryLogRecordExporter();
  const tracer = new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] }).getTracer("demo");
  const logger = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: logs })] }).getLogger("demo");
  const observer = new CodonOtelObserver({ tracer, logger });
  const telemetry = { observer, recordScore: observer.recordScore.bind(observer) };
  const schedule = demoSchedule(ANCHOR);
  for (const scheduled of schedule) await executeRun(scheduled, telemetry);
  const scores = logs.getFinishedLogRecords().filter((record) => record.eventName === "gen_ai.evaluation.result");
  return { schedule, spans: spans.getFinishedSpans(), scores };
}

type Sent = Awaited<ReturnType<typeof sendDemo>>;

/** The answer_quality each run was sent, by run id. */
function qualityByRun(sent: Sent): Map<string, number> {
  return new Map(sent.scores.map((record) => [String(record.attributes["codon.workload.run_id"]), Number(record.attributes["gen_ai.evaluation.score.value"])]));
}

/** Mean answer_quality sent per version of `workload`, in version order. */
function versionMeans(sent: Sent, workload: string): number[] {
  const quality = qualityByRun(sent);
  const byVersion = new Map<number, number[]>();
  for (const run of sent.schedule.filter((r: ScheduledRun) => r.workload.name === workload)) {
    const list = byVersion.get(run.versionIndex) ?? [];
    list.push(quality.get(run.runId)!);
    byVersion.set(run.versionIndex, list);
  }
  return [...byVersion.entries()].sort(([a], [b]) => a - b).map(([, values]) => mean(values));
}

describe("the demo's automatic scores", () => {
  let sent: Sent;
  beforeAll(async () => {
    sent = await sendDemo();
  }, 60_000);

  it("sends one answer_quality log record per run, in the trace context of the run's agent.graph span", () => {
    expect(sent.scores).toHaveLength(sent.schedule.length);
    const graphSpans = new Map(sent.spans.filter((span) => span.name === "agent.graph").map((span) => [String(span.attributes["codon.workload.run_id"]), span]));
    for (const record of sent.scores) {
      const runId = String(record.attributes["codon.workload.run_id"]);
      expect(record.attributes).toMatchObject({ "event.name": "gen_ai.evaluation.result", "gen_ai.evaluation.name": "answer_quality" });
      const value = Number(record.attributes["gen_ai.evaluation.score.value"]);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      expect(record.attributes["codon.score.id"]).toMatch(/^[0-9a-f-]{36}$/);
      const graph = graphSpans.get(runId)!.spanContext();
      expect(record.spanContext).toMatchObject({ traceId: graph.traceId, spanId: graph.spanId });
    }
    expect(new Set(sent.scores.map((record) => record.attributes["codon.score.id"])).size).toBe(sent.schedule.length);
  });

  it("scores each newer version above the one before, except QA-Agent's model switch, which scores worst", () => {
    const [qaFirst, qaRetrieval, qaHaiku] = versionMeans(sent, "QA-Agent");
    expect(qaRetrieval! - qaFirst!).toBeGreaterThan(0.1);
    expect(qaRetrieval! - qaHaiku!).toBeGreaterThan(0.15);
    expect(qaHaiku!).toBeLessThan(qaFirst!);
    for (const workload of ["Research Writer", "Draft Reviewer", "Support Agent"]) {
      const [older, newer] = versionMeans(sent, workload);
      expect(newer! - older!, workload).toBeGreaterThan(0.05);
    }
  });

  it("scores a failed run 0, with the reason", () => {
    const failed = sent.scores.filter((record) => record.attributes["gen_ai.evaluation.explanation"] === "the run failed before it answered");
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((record) => record.attributes["gen_ai.evaluation.score.value"] === 0)).toBe(true);
  });

  it("puts a grounded node score on each QA-Agent finalize span: never before retrieval, mostly after", () => {
    const finalize = sent.spans.filter((span) => span.name === "codon.node.finalize");
    const qaRuns = sent.schedule.filter((run) => run.workload.name === "QA-Agent");
    expect(finalize).toHaveLength(qaRuns.length);
    const passRate = (versionIndex: number) => {
      const runIds = new Set(qaRuns.filter((run) => run.versionIndex === versionIndex).map((run) => run.runId));
      const events = finalize.filter((span) => runIds.has(String(span.attributes["codon.workload.run_id"]))).map((span) => span.events);
      for (const list of events) expect(list.map((event) => event.name)).toEqual(["gen_ai.evaluation.result"]);
      return mean(events.map((list) => Number(list[0]!.attributes!["gen_ai.evaluation.score.value"])));
    };
    expect(passRate(0)).toBe(0);
    expect(passRate(1)).toBeGreaterThan(0.8);
    const event = finalize[0]!.events[0]!;
    expect(event.attributes).toMatchObject({ "gen_ai.evaluation.name": "grounded", "codon.score.id": `${finalize[0]!.attributes["codon.workload.run_id"]}:grounded` });
    expect(["true", "false"]).toContain(event.attributes!["gen_ai.evaluation.score.label"]);
  });

  it("sends the same scores every time for the same anchor", async () => {
    const again = await sendDemo();
    expect(qualityByRun(again)).toEqual(qualityByRun(sent));
  }, 60_000);
});
