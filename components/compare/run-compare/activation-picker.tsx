import { formatMs } from "@/components/ui/format";
import type { SpanDetail } from "@/lib/runs/types";

const SELECT = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

const activationLabel = (span: SpanDetail, index: number) =>
  `#${index + 1} · ${span.status === "error" ? "failed" : "ok"} · ${formatMs(span.durationMs)}`;

export function SidePicker({ side, activations, index, onChange }: { side: "a" | "b"; activations: SpanDetail[]; index: number; onChange: (index: number) => void }) {
  return (
    <label className="flex items-center gap-2 text-xs font-medium text-slate-600">
      Activation in run {side}
      <select data-testid={`io-activation-${side}`} value={index} onChange={(event) => onChange(Number(event.target.value))} disabled={activations.length < 2} className={SELECT}>
        {activations.map((span, i) => (
          <option key={`${span.traceId}:${span.spanId}`} value={i}>
            {activationLabel(span, i)}
          </option>
        ))}
      </select>
      <span className="font-normal text-slate-400">of {activations.length}</span>
    </label>
  );
}

interface Props {
  activationsA: SpanDetail[];
  activationsB: SpanDetail[];
  indexA: number;
  indexB: number;
  inStep: boolean;
  onChange: (next: { indexA: number; indexB: number; inStep: boolean }) => void;
}

/** Which activation of each side to compare; "in step" pairs activation k of a with activation k of b. */
export function ActivationPicker({ activationsA, activationsB, indexA, indexB, inStep, onChange }: Props) {
  const clampB = (k: number) => Math.max(0, Math.min(k, activationsB.length - 1));
  const clampA = (k: number) => Math.max(0, Math.min(k, activationsA.length - 1));
  return (
    <fieldset data-testid="io-activations" className="mt-3 flex flex-wrap items-center gap-x-5 gap-y-2 rounded-md border border-slate-200 bg-white px-3 py-2">
      <legend className="sr-only">Activations to compare</legend>
      <SidePicker side="a" activations={activationsA} index={indexA} onChange={(k) => onChange({ indexA: k, indexB: inStep ? clampB(k) : indexB, inStep })} />
      <SidePicker side="b" activations={activationsB} index={indexB} onChange={(k) => onChange({ indexA: inStep ? clampA(k) : indexA, indexB: k, inStep })} />
      <label className="flex items-center gap-2 text-xs text-slate-600">
        <input
          type="checkbox"
          data-testid="io-activation-step"
          checked={inStep}
          onChange={(event) => onChange({ indexA, indexB: event.target.checked ? clampB(indexA) : indexB, inStep: event.target.checked })}
          className="h-4 w-4 rounded border-slate-300 outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
        />
        Keep in step (activation k of a with activation k of b)
      </label>
    </fieldset>
  );
}
