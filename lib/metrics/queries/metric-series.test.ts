import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { NewMetricPoint, NewMetricSeries } from "@/lib/db/types";
import { ParamError } from "@/lib/http/params";
import { MAX_CELLS, readMetricSeries } from "@/lib/metrics/queries/metric-series";
import type { MetricSeriesQuery } from "@/lib/metrics/params";
import type { MetricPoint } from "@/lib/metrics/types";

// The series read on stored rows: delta histograms added up in the database, staleness markers
// left out, series that read another way kept apart, and a bound on what one chart may ask for.

const S = 1_000_000_000n;
const T0 = 1_800_000_000n * S;
const filled = (points: MetricPoint[]) => points.filter((p) => p.value !== null || p.count !== null);

describe.each(testBackends())("metric series reads on $name", (backend) => {
  let handle: TestDatabase;
  const db = () => handle.database.kysely;
  const series = (key: string, name: string, overrides: Partial<NewMetricSeries> = {}): NewMetricSeries => ({
    tenant_id: "default", series_key: key.padStart(32, "0"), service_name: "svc", metric_name: name, kind: "sum", temporality: 2, monotonic: true, first_seen_unix_nano: T0.toString(), ...overrides,
  });
  const point = (key: string, seconds: number, fields: Partial<NewMetricPoint>): NewMetricPoint => ({
    tenant_id: "default", series_key: key.padStart(32, "0"), time_unix_nano: (T0 + BigInt(seconds) * S).toString(), ...fields,
  });
  const query = (name: string, overrides: Partial<MetricSeriesQuery> = {}): MetricSeriesQuery => ({
    name, service: "svc", fromNs: T0, toNs: T0 + 600n * S, stepNs: 600n * S, groupBy: undefined, limit: 10, offset: 0, ...overrides,
  });

  beforeAll(async () => {
    handle = await backend.open();
    await db().insertInto("metric_series").values([
      series("1", "wait", { kind: "histogram", temporality: 1, monotonic: null }),
      series("2", "wait", { kind: "histogram", temporality: 1, monotonic: null }),
      series("3", "jobs"),
      series("4", "jobs", { temporality: 1 }),
    ]).execute();
    const points: NewMetricPoint[] = [];
    // Delta histogram: series 1 with bounds [1, 5] three times, series 2 rescaled to [1, 2, 5] once.
    for (let i = 0; i < 3; i++) points.push(point("1", 10 + i, { count: 4, sum: 8, min: 0.5, max: 4, bounds: [1, 5], bucket_counts: [1, 3, 0] }));
    points.push(point("2", 20, { count: 2, sum: 9, min: 2, max: 7, bounds: [1, 2, 5], bucket_counts: [0, 0, 1, 1] }));
    // A staleness marker: no recorded value, counts nothing.
    points.push(point("2", 30, { count: 0, sum: 0, flags: 1, bounds: [1, 2, 5], bucket_counts: [0, 0, 0, 0] }));
    // Series 3 (cumulative counter, first by key) and 4 (the same name, delta): charted apart.
    points.push(point("3", -5, { start_time_unix_nano: (T0 - 100n * S).toString(), value: 100 }), point("3", 100, { start_time_unix_nano: (T0 - 100n * S).toString(), value: 160 }));
    points.push(point("4", 100, { value: 1_000_000 }));
    await db().insertInto("metric_points").values(points).execute();
  });
  afterAll(async () => {
    await handle?.dispose();
  });

  it("adds delta histogram points up per step in the database, bounds that differ merged by bound, staleness markers left out", async () => {
    const result = await readMetricSeries(db(), "default", query("wait"));
    const [step] = filled(result!.groups[0]!.points);
    expect(step).toMatchObject({ count: 14, min: 0.5, max: 7 });
    expect(step!.mean).toBeCloseTo(33 / 14, 9);
    // 3 in (0,1], 9 in (1,5] from series 1; 1 in (2,5] and 1 above 5 from series 2: the median is in (1, 5].
    expect(step!.p50).toBeGreaterThan(1);
    expect(step!.p50).toBeLessThan(5);
  });

  it("charts a metric by its first series' way of reading, leaving out series that read another way", async () => {
    const result = await readMetricSeries(db(), "default", query("jobs"));
    expect(result?.metric).toMatchObject({ temporality: "cumulative", measure: "rate", seriesCount: 1 });
    // 60 more in the 105 s since the previous point: the delta series' million is not added.
    expect(filled(result!.groups[0]!.points).map((p) => p.value)).toEqual([60 / 105]);
  });

  it("refuses a chart of more figures than a page can hold", async () => {
    const tooFine = query("jobs", { toNs: T0 + 31n * 86_400n * S, stepNs: 1n * S });
    expect(Number((tooFine.toNs - tooFine.fromNs) / tooFine.stepNs)).toBeGreaterThan(MAX_CELLS);
    await expect(readMetricSeries(db(), "default", tooFine)).rejects.toThrow(ParamError);
  });
});
