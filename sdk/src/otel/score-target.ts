import type { ActivationResult, ExecutionReport } from "../report";
import type { ScoreInput } from "../score";

/** A score given after the run: on the whole run, or on one activation (`step`, or `node` if it ran once). */
export interface RunScoreInput extends ScoreInput {
  /** The activation's step (`report.activations[i].step`). */
  readonly step?: number;
  /** The node whose activation is scored; it must have run exactly once, else give `step`. */
  readonly node?: string;
  /** When the score was given (epoch ms or Date); defaults to now. */
  readonly timestamp?: number | Date;
}

/** The activation `input` scores, or null for the whole run; a TypeError when it names none (or two). */
export function scoreTarget(report: ExecutionReport, input: RunScoreInput, where: string): ActivationResult | null {
  const { step, node } = input;
  if (step === undefined && node === undefined) return null;
  let byStep: ActivationResult | undefined;
  if (step !== undefined) {
    byStep = report.activations.find((activation) => activation.step === step);
    if (!byStep) throw new TypeError(`${where}: no activation has step ${String(step)} (the run has ${report.activations.length})`);
  }
  if (node === undefined) return byStep ?? null;
  const ofNode = report.results[node] ?? [];
  if (byStep) {
    if (byStep.node !== node) throw new TypeError(`${where}: step ${byStep.step} is an activation of '${byStep.node}', not '${node}'`);
    return byStep;
  }
  if (ofNode.length !== 1) {
    const times = ofNode.length === 0 ? "did not run" : `ran ${ofNode.length} times (steps ${ofNode.map((a) => a.step).join(", ")}); give step`;
    throw new TypeError(`${where}: node '${node}' ${times}`);
  }
  return ofNode[0]!;
}
