// Scores as text: one value (the run page), one name over many runs (the versions table).
import type { RunScore, ScoreSource, ScoreSummary } from "@/lib/scores/types";

export const DASH = "—";

/** A score's number, short: `3`, `0.82`, `4.5`, `0.0012`, `1,250`. */
export function formatScoreNumber(value: number): string {
  if (!Number.isFinite(value)) return DASH;
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return Math.round(value).toLocaleString("en-US");
  // Two significant digits below 0.01, two decimals above, trailing zeros dropped.
  const text = magnitude < 0.01 ? value.toPrecision(2) : value.toFixed(2);
  return text.includes("e") ? text : text.replace(/\.?0+$/, "");
}

/** A share of true as whole percent: 0.912 → `91%`; one decimal where rounding would say 0% or 100% of a mixed set. */
export function formatPassRate(rate: number): string {
  const percent = rate * 100;
  const whole = Math.round(percent);
  if ((whole === 0 && rate > 0) || (whole === 100 && rate < 1)) return `${percent.toFixed(1)}%`;
  return `${whole}%`;
}

const BOOLEAN_LABELS = new Set(["true", "false", "pass", "fail"]);

/** How one score reads: its value (or label), with the label sent beside a value in brackets. */
export function describeScoreValue(score: Pick<RunScore, "dataType" | "value" | "label">): { text: string; pass: boolean | null } {
  if (score.dataType === "categorical") return { text: score.label ?? DASH, pass: null };
  if (score.value === null) return { text: score.label ?? DASH, pass: null };
  const extra = score.label ? ` (${score.label})` : "";
  if (score.dataType === "boolean") {
    const pass = score.value >= 0.5;
    // A boolean's own label is `true` / `false`: it says nothing the pass / fail does not.
    const said = score.label && !BOOLEAN_LABELS.has(score.label.toLowerCase()) ? extra : "";
    return { text: `${pass ? "pass" : "fail"}${said}`, pass };
  }
  return { text: `${formatScoreNumber(score.value)}${extra}`, pass: null };
}

export const SOURCE_LABEL: Record<ScoreSource, string> = { telemetry: "telemetry", api: "API", ui: "dashboard" };
export const SOURCE_TITLE: Record<ScoreSource, string> = {
  telemetry: "Sent as a GenAI evaluation event (gen_ai.evaluation.result)",
  api: "Posted to the API with a key",
  ui: "Given in this dashboard",
};

/** The most common label with its count, if the summary has labels. */
const topLabel = (summary: Pick<ScoreSummary, "labels">) => summary.labels[0] ?? null;

/**
 * One name over a version's runs, compact: `answer_quality 0.82 (n=24)`, `grounded 91% pass (n=24)`,
 * `tone friendly ×12 (n=24)`.
 */
export function summarizeScore(summary: ScoreSummary): string {
  const n = `(n=${summary.count.toLocaleString("en-US")})`;
  if (summary.dataType === "categorical") {
    const top = topLabel(summary);
    return top ? `${summary.name} ${top.label} ×${top.count.toLocaleString("en-US")} ${n}` : `${summary.name} ${n}`;
  }
  if (summary.mean === null) return `${summary.name} ${DASH} ${n}`;
  const figure = summary.dataType === "boolean" ? `${formatPassRate(summary.mean)} pass` : formatScoreNumber(summary.mean);
  return `${summary.name} ${figure} ${n}`;
}

/** The details of one summary for a tooltip: the figure, how many scores on how many runs, the labels. */
export function describeScoreSummary(summary: ScoreSummary): string {
  const figure =
    summary.mean === null
      ? null
      : summary.dataType === "boolean"
        ? `pass rate ${formatPassRate(summary.mean)}`
        : summary.dataType === "numeric"
          ? `mean ${formatScoreNumber(summary.mean)}`
          : null;
  const runs = `${summary.count.toLocaleString("en-US")} score${summary.count === 1 ? "" : "s"} on ${summary.runCount.toLocaleString("en-US")} run${summary.runCount === 1 ? "" : "s"}`;
  const labels = summary.labels.length > 0 ? `; labels: ${summary.labels.map((l) => `${l.label} ${l.count}`).join(", ")}` : "";
  return `${summary.name} (${summary.dataType}): ${figure ? `${figure} over ` : ""}${runs}${labels}`;
}
