import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type SpanContext, type Tracer } from "@opentelemetry/api";
import { SeverityNumber, type Logger } from "@opentelemetry/api-logs";
import type { LedgerEvent } from "../ledger";
import type { ActivationEnd, ActivationRef, ActivationStart, RunInfo, RunObserver } from "../observer";
import type { ExecutionReport } from "../report";
import { normalizeScore, SCORE_EVENT_NAME, type RecordedScore } from "../score";
import {
  activationEndAttributes,
  activationStartAttributes,
  auditAttributes,
  evaluationAttributes,
  graphAttributes,
  runAttributes,
  type TenantAttributes,
} from "./attributes";
import { scoreTarget, type RunScoreInput } from "./score-target";

export interface CodonOtelObserverOptions extends TenantAttributes {
  readonly tracer: Tracer;
  /** Where ledger entries go as `codon.audit.*` log records; without one, only spans are sent. */
  readonly logger?: Logger;
  /** Send the static graph as an `agent.graph` span at the start of each run (default true). */
  readonly graphSpan?: boolean;
}

/**
 * Turns a run into what the Codon Python SDK exports: one root span `codon.node.<name>` per
 * activation (no parent: the run id, not the trace, groups a run), an `agent.graph` span with the
 * static graph, and every ledger entry as a log record tied to the activation's span.
 */
export class CodonOtelObserver implements RunObserver {
  private readonly openSpans = new Map<string, Span>();
  /** Span contexts of runs in progress, by run id; moved to `finishedRuns` when the run ends. */
  private readonly liveRuns = new Map<string, RunTrace>();
  /** Keyed by the report itself, so a run's entry lives exactly as long as its report does. */
  private readonly finishedRuns = new WeakMap<ExecutionReport, RunTrace>();

  constructor(private readonly options: CodonOtelObserverOptions) {}

  runStarted(run: RunInfo): void {
    const graph =
      this.options.graphSpan === false
        ? null
        : this.options.tracer.startSpan("agent.graph", {
            root: true,
            kind: SpanKind.INTERNAL,
            startTime: run.startedAt,
            attributes: graphAttributes(run, this.options),
          });
    graph?.end(run.startedAt);
    this.liveRuns.set(run.runId, { info: run, spans: { run: graph?.spanContext() ?? null, activations: new Map() } });
  }

  activationStarted(activation: ActivationStart): void {
    const span = this.options.tracer.startSpan(`codon.node.${activation.spec.name}`, {
      root: true,
      kind: SpanKind.INTERNAL,
      startTime: activation.startedAt,
      attributes: activationStartAttributes(activation, this.options),
    });
    this.openSpans.set(spanKey(activation.run.runId, activation.step), span);
    this.liveRuns.get(activation.run.runId)?.spans.activations.set(activation.step, span.spanContext());
  }

  activationFinished(activation: ActivationEnd): void {
    const key = spanKey(activation.run.runId, activation.step);
    const span = this.openSpans.get(key);
    if (!span) return;
    this.openSpans.delete(key);
    span.setAttributes(activationEndAttributes(activation));
    if (activation.result.status === "error") {
      const message = activation.result.error?.message ?? "node failed";
      span.setStatus({ code: SpanStatusCode.ERROR, message });
      if (activation.error instanceof Error) span.recordException(activation.error, activation.finishedAt);
    } else {
      span.setStatus({ code: SpanStatusCode.OK });
    }
    span.end(activation.finishedAt);
  }

  ledgerEvent(event: LedgerEvent, run: RunInfo, activation: ActivationRef | null): void {
    const logger = this.options.logger;
    if (!logger) return;
    const span = activation ? this.openSpans.get(spanKey(run.runId, activation.step)) : undefined;
    const failed = event.event_type === "node_failed";
    logger.emit({
      eventName: `codon.audit.${event.event_type}`,
      timestamp: new Date(event.timestamp),
      severityNumber: failed ? SeverityNumber.ERROR : SeverityNumber.INFO,
      severityText: failed ? "ERROR" : "INFO",
      body: event.event_type,
      attributes: auditAttributes(event, run, this.options),
      ...(span ? { context: trace.setSpan(ROOT_CONTEXT, span) } : {}),
    });
  }

  /** A score recorded inside a node: a `gen_ai.evaluation.result` event on the activation's open span. */
  scoreRecorded(score: RecordedScore, run: RunInfo, activation: ActivationRef): void {
    const span = this.openSpans.get(spanKey(run.runId, activation.step));
    span?.addEvent(SCORE_EVENT_NAME, evaluationAttributes(score), Date.parse(score.timestamp));
  }

  /**
   * The trace context of a finished run this observer exported: its `agent.graph` span (null when
   * `graphSpan` is false) and each activation's `codon.node.*` span by step. Undefined for a report
   * this observer did not see.
   */
  spanContexts(report: ExecutionReport): RunSpanContexts | undefined {
    return this.finishedRuns.get(report)?.spans;
  }

  /**
   * Scores a finished run, or one activation of it (`step`, or `node` when it ran once), as a
   * `gen_ai.evaluation.result` log record in the trace context of the scored span: the run's
   * `agent.graph` span, or the activation's span. Throws a TypeError for an invalid score or target.
   */
  recordScore(report: ExecutionReport, input: RunScoreInput): void {
    const logger = this.options.logger;
    if (!logger) throw new Error("CodonOtelObserver.recordScore() needs the observer to have a logger (the log records carry the score)");
    const run = this.finishedRuns.get(report);
    if (!run) throw new TypeError("recordScore(): this observer did not export that run; pass the report of a finished run it observed");
    const where = `recordScore() on run ${report.runId}`;
    const score = normalizeScore(input, where);
    const target = scoreTarget(report, input, where);
    const spanContext = target === null ? run.spans.run : run.spans.activations.get(target.step);
    const timestamp = input.timestamp ?? Date.now();
    if (!Number.isFinite(+timestamp)) throw new TypeError(`${where}: timestamp must be epoch milliseconds or a valid Date`);
    logger.emit({
      eventName: SCORE_EVENT_NAME,
      timestamp,
      severityNumber: SeverityNumber.INFO,
      severityText: "INFO",
      attributes: { "event.name": SCORE_EVENT_NAME, ...runAttributes(run.info, this.options), ...evaluationAttributes(score) },
      ...(spanContext ? { context: trace.setSpanContext(ROOT_CONTEXT, spanContext) } : {}),
    });
  }

  /** A run that ended without finishing an activation (it should not happen) still closes its spans. */
  runFinished(report: ExecutionReport): void {
    const live = this.liveRuns.get(report.runId);
    if (live) {
      this.liveRuns.delete(report.runId);
      this.finishedRuns.set(report, live);
    }
    const prefix = `${report.runId}#`;
    for (const [key, span] of this.openSpans) {
      if (!key.startsWith(prefix)) continue;
      span.setStatus({ code: SpanStatusCode.ERROR, message: "run ended before the activation finished" });
      span.end(Date.parse(report.finishedAt));
      this.openSpans.delete(key);
    }
  }
}

/** Where a run's spans are: what a score sent after the run points at. */
export interface RunSpanContexts {
  /** The run's `agent.graph` span: what a score on the whole run points at. Null when graphSpan is false. */
  readonly run: SpanContext | null;
  /** Each activation's `codon.node.<name>` span, by step (each is the root of its own trace). */
  readonly activations: ReadonlyMap<number, SpanContext>;
}

interface RunTrace {
  readonly info: RunInfo;
  readonly spans: { readonly run: SpanContext | null; readonly activations: Map<number, SpanContext> };
}

const spanKey = (runId: string, step: number) => `${runId}#${step}`;
