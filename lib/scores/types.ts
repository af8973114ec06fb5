// The shapes of scores (issue 23): quality judgements on a run or on one node activation of it,
// from telemetry (the GenAI evaluation event), the API or the dashboard's feedback form.

export const SCORE_DATA_TYPES = ["numeric", "boolean", "categorical"] as const;
export type ScoreDataType = (typeof SCORE_DATA_TYPES)[number];

export const SCORE_SOURCES = ["telemetry", "api", "ui"] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];

/** One score as the API returns it. */
export interface RunScore {
  id: string;
  runId: string;
  /** The scored span: a node activation, or (for a score on the whole run) null or the run's own span. */
  spanId: string | null;
  /** The node of the scored activation; null for a score on the whole run. */
  nodeName: string | null;
  name: string;
  dataType: ScoreDataType;
  /** numeric: the value; boolean: 1 (true / pass) or 0; categorical: null. */
  value: number | null;
  /** categorical: the label; numeric and boolean: the label sent beside the value, if any. */
  label: string | null;
  comment: string | null;
  source: ScoreSource;
  /** Who gave it: the API key's name (or id) for api and ui; null for telemetry and key-less servers. */
  author: string | null;
  /** When it was given (ISO 8601). */
  time: string;
}

/** GET /api/v1/runs/{runId}/scores. */
export interface RunScoreList {
  runId: string;
  scores: RunScore[];
}

/** One score to record (POST /api/v1/runs/{runId}/scores). */
export interface ScoreInput {
  /** A client-chosen id: sending the same id again stores nothing new. */
  id?: string;
  name: string;
  /** A number (numeric), a boolean (pass / fail) or a string (a categorical label). */
  value: number | boolean | string;
  comment?: string;
  /** The node activation scored; omitted: the whole run. */
  spanId?: string;
}

/** POST's answer: the scores as stored (an id sent again returns the score stored first). */
export interface RecordedScores {
  scores: RunScore[];
}

/** One score name over a set of runs (a version, a workload). */
export interface ScoreSummary {
  name: string;
  /** The type most of its values have (values of another type are left out of mean and labels). */
  dataType: ScoreDataType;
  /** How many scores, and on how many runs. */
  count: number;
  runCount: number;
  /** numeric: the mean; boolean: the pass rate (share of true); categorical: null. */
  mean: number | null;
  /** categorical (and labelled numeric or boolean): the most common labels, at most 8, with their counts. */
  labels: { label: string; count: number }[];
}

/** A score name on both sides of a version comparison. */
export interface ScoreComparison {
  name: string;
  dataType: ScoreDataType;
  a: ScoreSideFigures;
  b: ScoreSideFigures;
  /** b's mean minus a's (numeric: in the score's units; boolean: pass-rate points as a fraction); null when either side has none. */
  delta: number | null;
  /** Mann–Whitney U (numeric), Fisher's exact or the two-proportion z-test (boolean); null when a side has too few scores. */
  test: "mann-whitney" | "fisher" | "two-proportion z" | null;
  pValue: number | null;
  /** Whether the difference is significant at 5% (two-sided). */
  significant: boolean;
}

export interface ScoreSideFigures {
  count: number;
  mean: number | null;
  /** numeric: p5, p25, p50, p75 and p95 of the values; null for boolean and categorical or with no values. */
  quantiles: number[] | null;
  /** categorical: label counts, at most 8. */
  labels: { label: string; count: number }[];
}

/** A score filter of the runs list: `score:helpfulness < 3` (parsed by lib/scores/filter.ts). */
export interface ScoreFilter {
  name: string;
  op: "<" | "<=" | ">" | ">=" | "=" | "!=";
  /** A number (true / false are 1 / 0), or a label (only with = and !=). */
  value: number | string;
}

/** A run's scores of one name, as the runs list shows them. */
export interface RunScoreBrief {
  name: string;
  /** The type most of the run's scores of this name have (mean and label follow it). */
  dataType: ScoreDataType;
  /** How many scores of this name the run has, of every type. */
  count: number;
  /** numeric: the mean of the run's values; boolean: the share of true; categorical: null. */
  mean: number | null;
  /** categorical: the most common label. */
  label: string | null;
}

/** GET /api/v1/workloads/{name}/scores: each version's score summaries over the window, newest version first. */
export interface WorkloadScores {
  workload: string;
  windowStart: string | null;
  /** The most recently seen versions, at most MAX_LISTED_VERSIONS. */
  versions: { logicId: string; version: string | null; scores: ScoreSummary[] }[];
  /** Versions seen longer ago than every listed one, not listed. */
  omittedVersions: number;
}
