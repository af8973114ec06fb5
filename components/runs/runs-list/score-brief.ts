import { DASH, formatPassRate, formatScoreNumber } from "@/components/scores/format";
import type { RunScoreBrief } from "@/lib/scores/types";

/** Names a row shows inline; the rest are counted (`+2`) and listed in the title. */
export const INLINE_BRIEFS = 3;

/**
 * A brief's figure in a row: the mean (`4.5`), pass / fail of one boolean (✓ / ✗, spoken as
 * "pass" / "fail") or the pass rate of several (`67%`), the most common label (`rude`).
 */
export function briefFigure(brief: RunScoreBrief): { text: string; spoken?: string; pass: boolean | null } {
  if (brief.dataType === "categorical" || brief.mean === null) return { text: brief.label ?? DASH, pass: null };
  if (brief.dataType === "numeric") return { text: formatScoreNumber(brief.mean), pass: null };
  if (brief.mean === 1) return { text: "✓", spoken: "pass", pass: true };
  if (brief.mean === 0) return { text: "✗", spoken: "fail", pass: false };
  return { text: formatPassRate(brief.mean), spoken: `${formatPassRate(brief.mean)} pass`, pass: null };
}

const scores = (n: number) => `${n.toLocaleString("en-US")} score${n === 1 ? "" : "s"}`;

/** One line of the cell's title: `helpfulness: mean 4.5 of 2 scores`, `grounded: pass`, `tone: mostly rude (3 scores)`. */
export function describeBrief(brief: RunScoreBrief): string {
  const one = brief.count === 1;
  if (brief.dataType === "categorical" || brief.mean === null) {
    return `${brief.name}: ${one ? (brief.label ?? DASH) : `mostly ${brief.label ?? DASH} (${scores(brief.count)})`}`;
  }
  if (brief.dataType === "boolean") {
    return `${brief.name}: ${one ? (brief.mean >= 0.5 ? "pass" : "fail") : `${formatPassRate(brief.mean)} pass of ${scores(brief.count)}`}`;
  }
  return `${brief.name}: ${one ? formatScoreNumber(brief.mean) : `mean ${formatScoreNumber(brief.mean)} of ${scores(brief.count)}`}`;
}

/** The cell's title: every name the row carries, one a line. */
export function describeBriefs(briefs: readonly RunScoreBrief[]): string {
  return briefs.map(describeBrief).join("\n");
}
