import type { Kysely, KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { costPerRunTrend, spendOverTime } from "@/lib/costs/queries/costs";
import { MAX_SERIES, MAX_TREND_WORKLOADS, OTHER_KEY } from "@/lib/costs/spend-series";
import type { CostPerRunTrend, SpendBucket, SpendDimension, SpendOverTime, SpendSeries } from "@/lib/costs/types";
import { makeRun } from "@/lib/db/testing/fixtures";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import { bucketStart, bucketStarts, MAX_TREND_POINTS } from "@/lib/db/time-buckets";
import type { DB, NewRun } from "@/lib/db/types";
import type { TimeWindow } from "@/lib/http/params";

// The costs charts ranked in the database read the same as charts ranked from every raw row,
// in a number of rows bounded by buckets × series drawn, however many series there are.

const DAY_NS = 86_400_000_000_000n;
const T0_NS = BigInt(Date.parse("2026-11-02T00:00:00Z")) * 1_000_000n; // a Monday
const DAYS = 5;
const NOW_MS = Date.parse("2026-11-09T12:00:00Z");
/** Equal totals at the MAX_SERIES boundary: UTF-16 order (JavaScript's) puts the pair before U+FF5E, code point order after. */
const TIE_FIRST = "tie\u{1F600}";
const TIE_SECOND = "tie\uFF5E";

interface RawRun {
  tenant: string;
  startNs: bigint;
  workload: string | null;
  logicId: string | null;
  version: string | null;
  deployment: string | null;
  cost: number;
  running: boolean;
}

interface RawModel {
  tenant: string;
  runId: string;
  startNs: bigint;
  vendor: string;
  model: string;
  cost: number;
}

interface SeriesSpec {
  name: string | null;
  /** One run each, on day (series index + run index) % DAYS; costs are quarters, so float sums stay exact. */
  costs: number[];
  running?: boolean;
}

// 43 series: six large ones (the first never finishes), a tie at the boundary, 32 small, two without spend, one unnamed.
const SPECS: SeriesSpec[] = [
  { name: "big0", costs: [5, 5, 5, 5, 5, 5], running: true },
  ...Array.from({ length: 5 }, (_, i) => ({ name: `big${i + 1}`, costs: [10, 10, 10 - (i + 1) / 2] })),
  { name: TIE_SECOND, costs: [6, 6] },
  { name: TIE_FIRST, costs: [4, 8] },
  ...Array.from({ length: 32 }, (_, i) => ({ name: `small${String(i).padStart(2, "0")}`, costs: [0.25 * (1 + (i % 4)), 0.25] })),
  { name: "free1", costs: [0, 0] },
  { name: "free2", costs: [0] },
  { name: null, costs: [0.5, 1] },
];

function spreadRuns(): RawRun[] {
  return SPECS.flatMap((spec, s) =>
    spec.costs.map((cost, j) => ({
      tenant: "default",
      startNs: T0_NS + BigInt((s + j) % DAYS) * DAY_NS + BigInt(j + 1) * 60_000_000_000n,
      workload: spec.name,
      logicId: spec.name === null ? null : `${spec.name}-logic`,
      // Versions change under one logic id (the label keeps the smallest); some runs have none.
      version: s % 4 === 3 ? null : `${s % 7}.${(s + 5 * j) % 6}`,
      deployment: spec.name,
      cost,
      running: spec.running ?? false,
    })),
  );
}

function spreadModels(runs: readonly RawRun[]): RawModel[] {
  return runs.map((run, i) => ({ tenant: run.tenant, runId: `run-${i}`, startNs: run.startNs, vendor: i % 5 === 0 ? "" : "vendor", model: run.workload ?? "", cost: run.cost }));
}

/**
 * 1,100 days of runs (more than MAX_TREND_POINTS); a costly workload only in the first days,
 * the smallest of its version strings in a run of the middle one; a run without spend far ahead.
 */
function longRuns(): RawRun[] {
  const run = (day: number, workload: string, logicId: string, version: string | null, cost: number): RawRun => ({
    tenant: "long",
    startNs: T0_NS + BigInt(day) * DAY_NS,
    workload,
    logicId,
    version,
    deployment: null,
    cost,
    running: false,
  });
  return [
    ...Array.from({ length: 1_100 }, (_, d) => run(d, `w${d % 10}`, `l${d % 12}`, d % 13 === 0 ? null : `v${(d * 7) % 9}`, 0.25 * (d % 5))),
    run(0, "ancient", "l-old", "0.1", 500),
    run(3, "ancient", "l-old", "0.0", 1),
    run(50, "ancient", "l-old", "0.2", 1),
    run(1_500, "w1", "l1", "v9", 0),
  ];
}
const LONG_NOW_MS = Number((T0_NS + 1_100n * DAY_NS) / 1_000_000n) + 43_200_000;

const inWindow = (window: TimeWindow, ns: bigint) => (window.fromNs === undefined || ns >= window.fromNs) && (window.toNs === undefined || ns < window.toNs);
const windowStart = (window: TimeWindow) => (window.fromNs === undefined ? null : new Date(Number(window.fromNs / 1_000_000n)).toISOString());
const iso = (ns: bigint) => new Date(Number(ns / 1_000_000n)).toISOString();

interface Group {
  bucket: bigint;
  a: string | null;
  b: string | null;
  version: string | null;
  cost: number;
  runs: number;
}

function keyOf(by: SpendDimension, g: Group): string {
  return by === "workload" || by === "deployment" ? (g.a ?? "") : `${g.a ?? ""}\u001f${g.b ?? ""}`;
}

function labelOf(by: SpendDimension, g: Group): string {
  if (by === "workload") return g.a ?? "(no workload)";
  if (by === "deployment") return g.a ?? "(no deployment)";
  if (by === "model") return g.b === "" ? "(no model)" : g.a === "" ? g.b! : `${g.b} (${g.a})`;
  return g.b === null ? "(no version)" : `${g.a ?? "?"} ${g.version ? `${g.version} · ` : ""}${g.b.slice(0, 8)}`;
}

/** The chart ranked from every raw row, as it was before the database ranked it. */
function referenceSpend(runs: readonly RawRun[], models: readonly RawModel[], by: SpendDimension, bucket: SpendBucket, window: TimeWindow, nowMs: number): SpendOverTime {
  const windowRuns = runs.filter((r) => inWindow(window, r.startNs));
  const facts =
    by === "model"
      ? models.filter((m) => inWindow(window, m.startNs) && m.cost > 0).map((m) => ({ ns: m.startNs, a: m.vendor, b: m.model, version: null, cost: m.cost, runs: 0 }))
      : windowRuns.map((r) => ({ ns: r.startNs, a: by === "deployment" ? r.deployment : r.workload, b: by === "version" ? r.logicId : null, version: by === "version" ? r.version : null, cost: r.cost, runs: 1 }));
  // Per (bucket, a, b), with the smallest version string of the bucket.
  const groups = new Map<string, Group>();
  for (const f of facts) {
    const id = JSON.stringify([String(bucketStart(bucket, f.ns)), f.a, f.b]);
    const g = groups.get(id) ?? { bucket: bucketStart(bucket, f.ns), a: f.a, b: f.b, version: null, cost: 0, runs: 0 };
    g.cost += f.cost;
    g.runs += f.runs;
    if (f.version !== null && (g.version === null || f.version < g.version)) g.version = f.version;
    groups.set(id, g);
  }
  const byKey = new Map<string, SpendSeries>();
  for (const g of groups.values()) {
    const key = keyOf(by, g);
    const label = labelOf(by, g);
    const s = byKey.get(key) ?? { key, label, workload: by === "workload" || by === "version" ? g.a : null, logicId: by === "version" ? g.b : null, totalUsd: 0 };
    s.totalUsd += g.cost;
    if (label < s.label) s.label = label;
    byKey.set(key, s);
  }
  const ranked = [...byKey.values()].filter((s) => s.totalUsd > 0).sort((x, y) => y.totalUsd - x.totalUsd || (x.key < y.key ? -1 : 1));
  const series = ranked.slice(0, MAX_SERIES);
  const shown = new Set(series.map((s) => s.key));
  const rest = ranked.slice(MAX_SERIES);
  if (rest.length > 0) series.push({ key: OTHER_KEY, label: "Other", workload: null, logicId: null, totalUsd: rest.reduce((sum, s) => sum + s.totalUsd, 0) });

  const values = new Map<bigint, Record<string, number>>();
  const spent = [...groups.values()].filter((g) => g.cost > 0);
  for (const g of spent) {
    const key = shown.has(keyOf(by, g)) ? keyOf(by, g) : OTHER_KEY;
    const bucketValues = values.get(g.bucket) ?? {};
    bucketValues[key] = (bucketValues[key] ?? 0) + g.cost;
    values.set(g.bucket, bucketValues);
  }
  const first = spent.length === 0 ? null : spent.reduce((min, g) => (g.bucket < min ? g.bucket : min), spent[0]!.bucket);
  const last = spent.reduce<bigint | null>((max, g) => (max === null || g.bucket > max ? g.bucket : max), null);
  const nowNs = BigInt(nowMs) * 1_000_000n;
  const from = window.fromNs ?? first;
  const to = window.toNs !== undefined ? window.toNs - 1n : last !== null && last > nowNs ? last : nowNs;
  const points =
    from === null
      ? []
      : bucketStarts(bucket, from, to < from ? from : to).map((start) => {
          const v = values.get(start) ?? {};
          return { start: iso(start), values: v, totalUsd: Object.values(v).reduce((sum, x) => sum + x, 0) };
        });
  const runCount = by === "model" ? windowRuns.length : [...groups.values()].reduce((sum, g) => sum + g.runs, 0);
  return { by, bucket, windowStart: windowStart(window), series, points, totalUsd: series.reduce((sum, s) => sum + s.totalUsd, 0), runCount };
}

/** The cost-per-run trend averaged from every raw row, as it was before the database ranked it. */
function referenceTrend(runs: readonly RawRun[], bucket: SpendBucket, window: TimeWindow): CostPerRunTrend {
  const groups = new Map<string, { bucket: bigint; workload: string; cost: number; runs: number }>();
  for (const r of runs) {
    if (r.workload === null || r.running || !inWindow(window, r.startNs)) continue;
    const id = JSON.stringify([String(bucketStart(bucket, r.startNs)), r.workload]);
    const g = groups.get(id) ?? { bucket: bucketStart(bucket, r.startNs), workload: r.workload, cost: 0, runs: 0 };
    g.cost += r.cost;
    g.runs += 1;
    groups.set(id, g);
  }
  const spent = new Map<string, number>();
  for (const g of groups.values()) spent.set(g.workload, (spent.get(g.workload) ?? 0) + g.cost);
  const top = new Set([...spent].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1)).slice(0, MAX_TREND_WORKLOADS).map(([w]) => w));
  const values = new Map<bigint, Record<string, number>>();
  for (const g of groups.values()) {
    if (!top.has(g.workload)) continue;
    values.set(g.bucket, { ...values.get(g.bucket), [g.workload]: g.cost / g.runs });
  }
  const points = [...values].sort(([a], [b]) => (a < b ? -1 : 1)).slice(-MAX_TREND_POINTS).map(([start, v]) => ({ start: iso(start), values: v }));
  return { bucket, windowStart: windowStart(window), workloads: [...top].sort(), points };
}

type Read = readonly Record<string, unknown>[];

/** A handle on the same database that records the rows each query returns. */
function recording(db: Kysely<DB>): { db: Kysely<DB>; reads: Read[] } {
  const reads: Read[] = [];
  const plugin: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      reads.push(args.result.rows);
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), reads };
}
const largestRead = (reads: Read[]) => Math.max(...reads.map((rows) => rows.length));
const mostBuckets = (reads: Read[]) => Math.max(...reads.map((rows) => new Set(rows.map((row) => String(row.bucket))).size));

const storedRun = (run: RawRun, i: number): NewRun =>
  makeRun({
    tenant_id: run.tenant,
    run_id: `run-${i}`,
    start_time_unix_nano: String(run.startNs),
    end_time_unix_nano: String(run.startNs + 1_000_000_000n),
    workload_name: run.workload,
    workload_logic_id: run.logicId,
    workload_version: run.version,
    deployment_id: run.deployment,
    cost_usd: run.cost.toFixed(2),
    status: run.running ? "running" : "completed",
  });

describe.each(testBackends())("costs charts ranked in the database on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const spread = spreadRuns();
  const models = spreadModels(spread);
  const long = longRuns();

  beforeAll(async () => {
    handle = await backend.open();
    await db().insertInto("tenants").values({ id: "long", name: "long" }).execute();
    await db().insertInto("runs").values(spread.map(storedRun)).execute();
    await db().insertInto("runs").values(long.map((run, i) => storedRun(run, i))).execute();
    await db()
      .insertInto("run_models")
      .values(models.map((m) => ({ tenant_id: m.tenant, run_id: m.runId, model_vendor: m.vendor, model_name: m.model, run_start_unix_nano: String(m.startNs), calls: 1, cost_usd: m.cost.toFixed(2) })))
      .execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  const windows: [string, SpendBucket, TimeWindow, number][] = [
    ["all days", "day", {}, DAYS],
    ["all weeks", "week", {}, 1],
    ["days 1-3", "day", { fromNs: T0_NS + DAY_NS, toNs: T0_NS + 4n * DAY_NS }, 3],
  ];
  describe.each(windows)("%s", (_, bucket, window, buckets) => {
    it.each(["workload", "version", "model", "deployment"] as const)(
      "by %s over 43 series: the chart ranked from every raw row, read in at most buckets × (MAX_SERIES + 1) rows",
      async (by) => {
        const { db: counted, reads } = recording(db());
        const spend = await spendOverTime(counted, "default", { window }, by, bucket, NOW_MS);
        expect(spend).toEqual(referenceSpend(spread, models, by, bucket, window, NOW_MS));
        expect(largestRead(reads)).toBeLessThanOrEqual(buckets * (MAX_SERIES + 1));
      },
    );

    it("cost per run over 43 workloads: the trend averaged from every raw row, read in at most buckets × MAX_TREND_WORKLOADS rows", async () => {
      const { db: counted, reads } = recording(db());
      const trend = await costPerRunTrend(counted, "default", { window }, bucket);
      expect(trend).toEqual(referenceTrend(spread, bucket, window));
      expect(largestRead(reads)).toBeLessThanOrEqual(buckets * MAX_TREND_WORKLOADS);
    });
  });

  it("breaks a tie at the MAX_SERIES boundary in the database, by key in JavaScript's string order", async () => {
    const { db: counted, reads } = recording(db());
    const spend = await spendOverTime(counted, "default", { window: {} }, "workload", "day", NOW_MS);
    expect(spend.series.map((s) => s.key)).toContain(TIE_FIRST);
    expect(spend.series.map((s) => s.key)).not.toContain(TIE_SECOND);
    // The series past the boundary comes back only inside the per-bucket "other" rows.
    const named = new Set(reads.flat().map((row) => row.a));
    expect(named).toContain(TIE_FIRST);
    expect(named).not.toContain(TIE_SECOND);
  });

  it.each(["workload", "version"] as const)(
    "by %s over more than MAX_TREND_POINTS days: the same chart, the days before those drawn read as one",
    async (by) => {
      const { db: counted, reads } = recording(db());
      const spend = await spendOverTime(counted, "long", { window: {} }, by, "day", LONG_NOW_MS);
      expect(spend).toEqual(referenceSpend(long, [], by, "day", {}, LONG_NOW_MS));
      expect(spend.points).toHaveLength(MAX_TREND_POINTS);
      expect(mostBuckets(reads)).toBeLessThanOrEqual(MAX_TREND_POINTS + 1);
      expect(largestRead(reads)).toBeLessThanOrEqual((MAX_TREND_POINTS + 1) * (MAX_SERIES + 1));
    },
  );

  it("cost per run over more than MAX_TREND_POINTS days: the newest ones, a top workload with none of them still listed", async () => {
    const { db: counted, reads } = recording(db());
    const trend = await costPerRunTrend(counted, "long", { window: {} }, "day");
    expect(trend).toEqual(referenceTrend(long, "day", {}));
    expect(trend.workloads).toContain("ancient");
    expect(mostBuckets(reads)).toBeLessThanOrEqual(MAX_TREND_POINTS);
  });
});
