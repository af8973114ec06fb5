import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from "@opentelemetry/api";
import { SeverityNumber, type Logger } from "@opentelemetry/api-logs";
import type { LedgerEvent } from "../ledger";
import type { ActivationEnd, ActivationRef, ActivationStart, RunInfo, RunObserver } from "../observer";
import type { ExecutionReport } from "../report";
import {
  activationEndAttributes,
  activationStartAttributes,
  auditAttributes,
  graphAttributes,
  type TenantAttributes,
} from "./attributes";

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

  constructor(private readonly options: CodonOtelObserverOptions) {}

  runStarted(run: RunInfo): void {
    if (this.options.graphSpan === false) return;
    this.options.tracer
      .startSpan("agent.graph", { root: true, kind: SpanKind.INTERNAL, startTime: run.startedAt, attributes: graphAttributes(run, this.options) })
      .end(run.startedAt);
  }

  activationStarted(activation: ActivationStart): void {
    const span = this.options.tracer.startSpan(`codon.node.${activation.spec.name}`, {
      root: true,
      kind: SpanKind.INTERNAL,
      startTime: activation.startedAt,
      attributes: activationStartAttributes(activation, this.options),
    });
    this.openSpans.set(spanKey(activation.run.runId, activation.step), span);
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

  /** A run that ended without finishing an activation (it should not happen) still closes its spans. */
  runFinished(report: ExecutionReport): void {
    const prefix = `${report.runId}#`;
    for (const [key, span] of this.openSpans) {
      if (!key.startsWith(prefix)) continue;
      span.setStatus({ code: SpanStatusCode.ERROR, message: "run ended before the activation finished" });
      span.end(Date.parse(report.finishedAt));
      this.openSpans.delete(key);
    }
  }
}

const spanKey = (runId: string, step: number) => `${runId}#${step}`;
