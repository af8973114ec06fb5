import type { RunScore, ScoreSource } from "@/lib/scores/types";
import { describeScoreValue, SOURCE_LABEL, SOURCE_TITLE } from "@/components/scores/format";

const SOURCE_STYLE: Record<ScoreSource, string> = {
  telemetry: "bg-violet-50 text-violet-800 ring-violet-200",
  api: "bg-sky-50 text-sky-800 ring-sky-200",
  ui: "bg-emerald-50 text-emerald-800 ring-emerald-200",
};

/** Where a score came from: telemetry, the API or this dashboard. */
export function SourceBadge({ source }: { source: ScoreSource }) {
  return (
    <span
      data-testid="score-source"
      data-source={source}
      title={SOURCE_TITLE[source]}
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${SOURCE_STYLE[source] ?? "bg-slate-50 text-slate-700 ring-slate-200"}`}
    >
      {SOURCE_LABEL[source] ?? source}
    </span>
  );
}

/** A score's value: the number, 👍 pass / 👎 fail for a boolean (the words carry it; the thumb is decoration), or the label. */
export function ScoreValue({ score }: { score: Pick<RunScore, "dataType" | "value" | "label"> }) {
  const { text, pass } = describeScoreValue(score);
  return (
    <span
      data-testid="score-value"
      data-pass={pass === null ? undefined : String(pass)}
      className={`whitespace-nowrap tabular-nums ${pass === true ? "text-emerald-800" : pass === false ? "text-red-800" : "text-slate-900"} font-medium`}
    >
      {pass === null ? null : <span aria-hidden className="mr-1">{pass ? "👍" : "👎"}</span>}
      {text}
    </span>
  );
}
