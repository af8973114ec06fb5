import type { RegisteredNode } from "./graph";
import type { Ledger } from "./ledger";
import type { ActivationEnd, ActivationStart, RunInfo, RunObserver } from "./observer";
import { isoTime, type Clock, type IdGenerator } from "./options";
import { renderPayload } from "./render";
import { summarizeError, type ActivationResult } from "./report";
import { ActivationRuntime, type RunContext } from "./runtime";
import type { RecordedScore } from "./score";
import type { Token } from "./token";
import { summarizeUsage } from "./usage";

export interface ActivationInput {
  readonly run: RunInfo;
  readonly context: RunContext;
  readonly step: number;
  readonly node: RegisteredNode;
  readonly token: Token;
  readonly state: Record<string, unknown>;
  readonly successors: ReadonlySet<string>;
  readonly isNode: (name: string) => boolean;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly ledger: Ledger;
  readonly enqueue: (target: string, token: Token, metadata: Readonly<Record<string, unknown>>) => void;
  readonly notify: Pick<Required<RunObserver>, "activationStarted" | "activationFinished" | "scoreRecorded">;
}

export interface ActivationOutcome {
  readonly result: ActivationResult;
  readonly failed: boolean;
  /** What the node threw; meaningful only when `failed` (a node may throw undefined). */
  readonly error: unknown;
  readonly stopRequested: boolean;
}

/** Runs one node on one token and records node_completed / node_failed. Never throws for the node. */
export async function runActivation(input: ActivationInput): Promise<ActivationOutcome> {
  const { run, step, token, clock, ledger } = input;
  const { spec, fn } = input.node;
  const startedAt = clock();
  const start: ActivationStart = { run, step, spec, token, startedAt, inputText: renderPayload(token.payload) };
  input.notify.activationStarted(start);

  const activation = { step, node: spec.name };
  const onScore = (score: RecordedScore) => input.notify.scoreRecorded(score, run, activation);
  const runtime = new ActivationRuntime({ ...input, node: spec.name, onScore });
  let output: unknown;
  let failed = false;
  let error: unknown;
  try {
    output = await fn(token.payload, { runtime, context: input.context });
  } catch (thrown) {
    failed = true;
    error = thrown;
  } finally {
    runtime.close();
  }

  const finishedAt = clock();
  const durationMs = Math.max(0, Math.round(finishedAt - startedAt));
  const outputText = failed ? null : renderPayload(output);
  const errorSummary = failed ? summarizeError(error) : null;
  const result: ActivationResult = Object.freeze({
    step,
    node: spec.name,
    nodespecId: spec.id,
    tokenId: token.id,
    input: token.payload,
    output: failed ? undefined : output,
    status: failed ? "error" : "ok",
    error: errorSummary,
    startedAt: isoTime(startedAt),
    finishedAt: isoTime(finishedAt),
    durationMs,
    emitted: [...runtime.emitted],
    usage: [...runtime.usage],
    scores: [...runtime.scores],
  });

  const nodes = { source: spec.name, target: null };
  if (errorSummary) {
    ledger.record("node_failed", token, nodes, { exception: `${errorSummary.name}: ${errorSummary.message}`, duration_ms: durationMs });
  } else {
    ledger.record("node_completed", token, nodes, { result_repr: outputText, emissions: runtime.emitted.length, duration_ms: durationMs });
  }
  const end: ActivationEnd = { ...start, result, finishedAt, outputText, usage: summarizeUsage(runtime.usage), error };
  input.notify.activationFinished(end);
  return { result, failed, error, stopRequested: runtime.stopRequested };
}
