import { formatRelative, relativeChange } from "@/lib/workloads/compare-summary";

/** Moves smaller than this are shown but not coloured: noise, not news. */
const NOTABLE = 0.05;

/**
 * The relative change from a to b as a coloured badge: green when the move is good (lower latency,
 * cost or error rate by default), red when bad, grey when small or not computable.
 */
export function DeltaBadge({
  a,
  b,
  higherIsBetter = false,
  neutral = false,
}: {
  a: number | null;
  b: number | null;
  higherIsBetter?: boolean;
  /** A count with no better direction (nodes, activations): never coloured. */
  neutral?: boolean;
}) {
  if (a === null || b === null) return null;
  const change = relativeChange(a, b);
  if (change === null) {
    if (a === b) return null;
    return <span className="ml-1 text-xs text-slate-500">(new)</span>;
  }
  const notable = !neutral && Math.abs(change) >= NOTABLE;
  const good = higherIsBetter ? change > 0 : change < 0;
  const tone = !notable ? "text-slate-500" : good ? "text-emerald-700" : "text-red-700";
  const verdict = !notable ? "no notable change" : good ? "better" : "worse";
  return (
    <span className={`ml-1 text-xs font-medium tabular-nums ${tone}`} data-testid="delta" title={verdict}>
      {formatRelative(change)}
    </span>
  );
}

/** `a → b` with the relative change; a missing side reads "—". */
export function DeltaCell({
  a,
  b,
  format,
  higherIsBetter,
  neutral,
}: {
  a: number | null;
  b: number | null;
  format: (value: number) => string;
  higherIsBetter?: boolean;
  neutral?: boolean;
}) {
  return (
    <span className="whitespace-nowrap tabular-nums">
      <span className="text-slate-500">{a === null ? "—" : format(a)}</span>
      <span aria-hidden className="mx-1 text-slate-400">→</span>
      <span className="sr-only"> to </span>
      <span className="font-medium text-slate-900">{b === null ? "—" : format(b)}</span>
      <DeltaBadge a={a} b={b} higherIsBetter={higherIsBetter} neutral={neutral} />
    </span>
  );
}
