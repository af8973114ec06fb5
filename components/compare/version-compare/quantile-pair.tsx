const WIDTH = 160;
const ROW = 12;
const PAD = 4;

/**
 * Two small box plots on one scale: p5–p95 whiskers, a p25–p75 box and a p50 tick, a above b.
 * The distributions side by side, where one number per side would hide a wider spread or a tail.
 */
export function QuantilePair({ baseline, candidate, format }: { baseline: number[]; candidate: number[]; format: (value: number) => string }) {
  const low = Math.min(baseline[0]!, candidate[0]!);
  const high = Math.max(baseline[4]!, candidate[4]!);
  const x = (value: number) => PAD + (high > low ? ((value - low) / (high - low)) * (WIDTH - 2 * PAD) : (WIDTH - 2 * PAD) / 2);
  const describe = (label: string, q: number[]) => `${label}: p5 ${format(q[0]!)}, p25 ${format(q[1]!)}, median ${format(q[2]!)}, p75 ${format(q[3]!)}, p95 ${format(q[4]!)}`;
  const box = (q: number[], y: number, colour: string) => (
    <g stroke={colour}>
      <line x1={x(q[0]!)} x2={x(q[4]!)} y1={y + ROW / 2} y2={y + ROW / 2} />
      <rect x={x(q[1]!)} y={y + 2} width={Math.max(1, x(q[3]!) - x(q[1]!))} height={ROW - 4} fill={colour} fillOpacity={0.2} />
      <line x1={x(q[2]!)} x2={x(q[2]!)} y1={y + 1} y2={y + ROW - 1} strokeWidth={2} />
    </g>
  );
  return (
    <svg width={WIDTH} height={2 * ROW + 2} role="img" aria-label={`${describe("a", baseline)}; ${describe("b", candidate)}`} data-testid="verdict-distribution">
      <title>{`${describe("a", baseline)}\n${describe("b", candidate)}`}</title>
      {box(baseline, 0, "#64748b")}
      {box(candidate, ROW + 2, "#0284c7")}
    </svg>
  );
}
