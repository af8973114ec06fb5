import { MAX_SCORE_FILTERS, parseScoreFilter, ScoreFilterError, stripScorePrefix } from "@/lib/scores/filter";
import type { ScoreFilter } from "@/lib/scores/types";

/** What the search box's text asks for: a run id search, a score filter (the text after `score:`), or why not. */
export type SearchIntent = { kind: "q"; q: string } | { kind: "score"; text: string } | { kind: "error"; message: string };

/**
 * `score:helpfulness < 3` adds a score filter (checked here, so a typo is named before any request);
 * anything else searches run and trace ids. `scores` are the filters in the URL, as typed.
 */
export function readSearch(text: string, scores: readonly string[]): SearchIntent {
  const expression = stripScorePrefix(text);
  if (expression === null) return { kind: "q", q: text.trim() };
  let filter: ScoreFilter;
  try {
    filter = parseScoreFilter(expression);
  } catch (error) {
    if (error instanceof ScoreFilterError) return { kind: "error", message: `score: ${error.message}` };
    throw error;
  }
  if (scores.length >= MAX_SCORE_FILTERS && !scores.some((given) => sameFilter(given, filter))) {
    return { kind: "error", message: `score: at most ${MAX_SCORE_FILTERS} score filters; remove one first` };
  }
  return { kind: "score", text: expression };
}

/** `scores` with the filter `text` added, unless an equal one is there or the list is full. */
export function withScoreFilter(scores: readonly string[], text: string): string[] {
  const filter = parseScoreFilter(text);
  if (scores.length >= MAX_SCORE_FILTERS || scores.some((given) => sameFilter(given, filter))) return [...scores];
  return [...scores, text];
}

function sameFilter(text: string, filter: ScoreFilter): boolean {
  try {
    const given = parseScoreFilter(text);
    return given.name === filter.name && given.op === filter.op && given.value === filter.value;
  } catch {
    return false;
  }
}
