import { sql, type Kysely } from "kysely";
import type { DB } from "@/lib/db/types";
import type { TimeWindow } from "@/lib/http/params";
import { windowCondition } from "@/lib/runs/queries/run-stats";
import { mannWhitney } from "@/lib/verdicts/stats/mann-whitney";
import { compareProportions } from "@/lib/verdicts/stats/proportions";
import { sampleStatistic } from "@/lib/verdicts/stats/bootstrap";
import type { ScoreComparison, ScoreDataType, ScoreSideFigures, ScoreSummary } from "@/lib/scores/types";

/** Labels kept per score name: a categorical score's long tail is noise on a version row. */
const TOP_LABELS = 8;
/** Names shown per version, most scored first. */
const MAX_NAMES = 20;
/** Values per side and name a comparison tests: the newest runs' (Mann–Whitney is O(n log n), the page must stay quick). */
const COMPARE_VALUES = 2000;
const ALPHA = 0.05;

interface SummaryRow {
  logic_id: string;
  name: string;
  data_type: ScoreDataType;
  n: string;
  runs: string;
  mean: number | null;
}
interface LabelRow {
  logic_id: string;
  name: string;
  label: string;
  n: string;
}

const runsOf = (tenantId: string, workloadName: string, window: TimeWindow, logicIds?: readonly string[]) => sql`
  runs r join scores s on s.tenant_id = r.tenant_id and s.run_id = r.run_id
  where r.tenant_id = ${tenantId} and r.workload_name = ${workloadName} and r.workload_logic_id is not null
    ${logicIds ? sql`and r.workload_logic_id = any(${[...logicIds]}::text[])` : sql``}${windowCondition(window)}`;

/** Per logic id of a workload, its runs' scores per name (in the window): counts, mean or pass rate, top labels. */
export async function versionScoreSummaries(
  db: Kysely<DB>,
  tenantId: string,
  workloadName: string,
  window: TimeWindow = {},
  logicIds?: readonly string[],
): Promise<Map<string, ScoreSummary[]>> {
  const [{ rows }, { rows: labels }] = await Promise.all([
    sql<SummaryRow>`
      select r.workload_logic_id as logic_id, s.name, s.data_type, count(*)::text as n, count(distinct s.run_id)::text as runs, avg(s.value) as mean
      from ${runsOf(tenantId, workloadName, window, logicIds)}
      group by r.workload_logic_id, s.name, s.data_type`.execute(db),
    sql<LabelRow>`
      select logic_id, name, label, n from (
        select r.workload_logic_id as logic_id, s.name, s.label, count(*)::text as n,
          row_number() over (partition by r.workload_logic_id, s.name order by count(*) desc, s.label) as rank
        from ${runsOf(tenantId, workloadName, window, logicIds)} and s.label is not null
        group by r.workload_logic_id, s.name, s.label) ranked
      where rank <= ${TOP_LABELS}
      order by logic_id, name, rank`.execute(db),
  ]);
  const labelsOf = groupLabels(labels);
  const byVersion = new Map<string, ScoreSummary[]>();
  for (const [key, typed] of groupBy(rows, (row) => `${row.logic_id}\u0000${row.name}`)) {
    const main = dominant(typed);
    const summary: ScoreSummary = {
      name: main.name,
      dataType: main.data_type,
      count: typed.reduce((sum, row) => sum + Number(row.n), 0),
      runCount: Math.max(...typed.map((row) => Number(row.runs))),
      mean: main.data_type === "categorical" || main.mean === null ? null : Number(main.mean),
      labels: labelsOf.get(key) ?? [],
    };
    const list = byVersion.get(main.logic_id) ?? [];
    list.push(summary);
    byVersion.set(main.logic_id, list);
  }
  for (const [logicId, list] of byVersion) byVersion.set(logicId, list.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).slice(0, MAX_NAMES));
  return byVersion;
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k) ?? [];
    list.push(row);
    groups.set(k, list);
  }
  return groups;
}

/** The data type most of a name's scores have (a name sent as numbers by one evaluator and labels by another). */
const dominant = (rows: readonly SummaryRow[]): SummaryRow => rows.reduce((best, row) => (Number(row.n) > Number(best.n) ? row : best));

function groupLabels(rows: readonly LabelRow[]): Map<string, { label: string; count: number }[]> {
  const out = new Map<string, { label: string; count: number }[]>();
  for (const row of rows) {
    const key = `${row.logic_id}\u0000${row.name}`;
    const list = out.get(key) ?? [];
    list.push({ label: row.label, count: Number(row.n) });
    out.set(key, list);
  }
  return out;
}

interface ValueRow {
  logic_id: string;
  name: string;
  value: number;
}

/**
 * Each score name either version's runs carry, with both sides' figures, the change of the mean
 * (b − a) and a test: Mann–Whitney U over the values (numeric), Fisher's exact or the
 * two-proportion z-test over passes (boolean); categorical scores get label counts and no test.
 */
export async function compareVersionScores(
  db: Kysely<DB>,
  tenantId: string,
  workloadName: string,
  logicIdA: string,
  logicIdB: string,
  window: TimeWindow = {},
): Promise<ScoreComparison[]> {
  const logicIds = [...new Set([logicIdA, logicIdB])];
  const [summaries, { rows: values }] = await Promise.all([
    versionScoreSummaries(db, tenantId, workloadName, window, logicIds),
    sql<ValueRow>`
      select logic_id, name, value from (
        select r.workload_logic_id as logic_id, s.name, s.value,
          row_number() over (partition by r.workload_logic_id, s.name order by s.time_unix_nano desc, s.score_id) as rank
        from ${runsOf(tenantId, workloadName, window, logicIds)} and s.value is not null and s.data_type <> 'categorical') newest
      where rank <= ${COMPARE_VALUES}`.execute(db),
  ]);
  const valuesOf = groupBy(values, (row) => `${row.logic_id}\u0000${row.name}`);
  const summariesA = new Map((summaries.get(logicIdA) ?? []).map((s) => [s.name, s]));
  const summariesB = new Map((summaries.get(logicIdB) ?? []).map((s) => [s.name, s]));
  const names = [...new Set([...summariesA.keys(), ...summariesB.keys()])].sort();
  return names.map((name) => {
    const a = summariesA.get(name);
    const b = summariesB.get(name);
    const dataType = (b ?? a)!.dataType;
    const sample = (logicId: string) => (valuesOf.get(`${logicId}\u0000${name}`) ?? []).map((row) => Number(row.value));
    const sideA = figures(a, dataType, sample(logicIdA));
    const sideB = figures(b, dataType, sample(logicIdB));
    return { name, dataType, a: sideA, b: sideB, delta: sideA.mean === null || sideB.mean === null ? null : sideB.mean - sideA.mean, ...test(dataType, sample(logicIdA), sample(logicIdB)) };
  });
}

const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

function figures(summary: ScoreSummary | undefined, dataType: ScoreDataType, values: readonly number[]): ScoreSideFigures {
  if (!summary) return { count: 0, mean: null, quantiles: null, labels: [] };
  const sameType = summary.dataType === dataType;
  return {
    count: summary.count,
    mean: sameType ? summary.mean : null,
    quantiles: dataType === "numeric" && values.length > 0 ? QUANTILES.map((q) => sampleStatistic(values, { kind: "quantile", q })!) : null,
    labels: summary.labels,
  };
}

/** Fewer values than this on a side: no test (a p-value from three scores says nothing). */
const MIN_TEST_VALUES = 5;

function test(dataType: ScoreDataType, a: readonly number[], b: readonly number[]): Pick<ScoreComparison, "test" | "pValue" | "significant"> {
  if (dataType === "categorical" || a.length < MIN_TEST_VALUES || b.length < MIN_TEST_VALUES) return { test: null, pValue: null, significant: false };
  if (dataType === "boolean") {
    const passes = (values: readonly number[]) => values.filter((value) => value > 0).length;
    const result = compareProportions(passes(a), a.length, passes(b), b.length);
    return { test: result.method, pValue: result.pValue, significant: result.pValue < ALPHA };
  }
  const result = mannWhitney(a, b);
  return { test: "mann-whitney", pValue: result.pValue, significant: result.pValue < ALPHA };
}
