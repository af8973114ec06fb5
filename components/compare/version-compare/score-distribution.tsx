import type { ScoreComparison } from "@/lib/scores/types";
import { boxQuantiles, labelRows } from "@/components/scores/compare-format";
import { formatPassRate, formatScoreNumber } from "@/components/scores/format";
import { QuantilePair } from "@/components/compare/version-compare/quantile-pair";

/** Label rows a cell shows; the rest are in its tooltip. */
const LABEL_ROWS = 4;
const A_FILL = "bg-slate-500";
const B_FILL = "bg-sky-600";

function Bar({ letter, share, text, fill }: { letter: "a" | "b"; share: number; text: string; fill: string }) {
  return (
    <div className="flex items-center gap-1.5">
      <span className="w-2 text-slate-500">{letter}</span>
      <span className="relative h-2 w-24 overflow-hidden rounded-sm bg-slate-100">
        <span className={`absolute inset-y-0 left-0 ${fill}`} style={{ width: `${Math.max(0, Math.min(1, share)) * 100}%` }} />
      </span>
      <span className="tabular-nums text-slate-700">{text}</span>
    </div>
  );
}

/** Each side's distribution: box plots of the values, two pass-rate bars, or label counts; a grey above b blue. */
export function ScoreDistribution({ comparison: c }: { comparison: ScoreComparison }) {
  if (c.dataType === "numeric") {
    const a = boxQuantiles(c.a);
    const b = boxQuantiles(c.b);
    return a && b ? <QuantilePair baseline={a} candidate={b} format={formatScoreNumber} /> : <span className="text-xs text-slate-400">one side has no values</span>;
  }
  if (c.dataType === "boolean") {
    const describe = (letter: string, side: ScoreComparison["a"]) => (side.mean === null ? `${letter}: none` : `${letter}: ${formatPassRate(side.mean)} pass of ${side.count}`);
    return (
      <div role="img" aria-label={`${describe("a", c.a)}; ${describe("b", c.b)}`} data-testid="score-pass-bars" className="space-y-0.5 text-xs">
        <Bar letter="a" share={c.a.mean ?? 0} text={c.a.mean === null ? "—" : formatPassRate(c.a.mean)} fill={A_FILL} />
        <Bar letter="b" share={c.b.mean ?? 0} text={c.b.mean === null ? "—" : formatPassRate(c.b.mean)} fill={B_FILL} />
      </div>
    );
  }
  const rows = labelRows(c.a, c.b);
  const all = rows.map((row) => `${row.label}: a ${row.a}, b ${row.b}`).join("\n");
  return (
    <table data-testid="score-label-counts" className="text-xs tabular-nums" title={all}>
      <caption className="sr-only">Label counts, a and b</caption>
      <thead className="sr-only">
        <tr>
          <th scope="col">Label</th>
          <th scope="col">a</th>
          <th scope="col">b</th>
        </tr>
      </thead>
      <tbody>
        {rows.slice(0, LABEL_ROWS).map((row) => (
          <tr key={row.label}>
            <th scope="row" className="max-w-32 truncate pr-2 text-left font-normal text-slate-700">
              {row.label}
            </th>
            <td className="pr-2 text-right text-slate-500">{row.a}</td>
            <td className="text-right font-medium text-sky-800">{row.b}</td>
          </tr>
        ))}
        {rows.length > LABEL_ROWS ? (
          <tr>
            <td colSpan={3} className="text-slate-500">
              +{rows.length - LABEL_ROWS} more labels
            </td>
          </tr>
        ) : null}
      </tbody>
    </table>
  );
}
