/**
 * `npm run bench:metrics [-- --backend postgres|pglite|both --series 1000 --points 10000 --iterations 50]`
 *
 * Seeds a cumulative counter of `series` series × `points` points 10 s apart (10M by default),
 * ending now, plus a cumulative latency histogram (20 series, 24 h at 10 s, 9 buckets), straight
 * in SQL, then times what the Metrics page asks, warm: one counter series' last 24 h, the
 * histogram's last 24 h (p50/p95/p99), the counter grouped by its attribute over the last hour
 * (its first 10 groups), and the service's metric list. Prints p50/p95/max per scenario
 * against issue 21's target: a chart of one series' last 24 h answers fast at 10M points
 * (p95 ≤ 100 ms).
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { sql, type Kysely } from "kysely";
import { migrateToLatest } from "@/lib/db/migrate";
import type { DB } from "@/lib/db/types";
import { listMetrics } from "@/lib/metrics/queries/metric-list";
import { readMetricSeries } from "@/lib/metrics/queries/metric-series";
import { defaultStepSeconds, type MetricSeriesQuery } from "@/lib/metrics/params";
import { pgliteQueryTarget, postgresQueryTarget, type QueryTarget } from "@/bench/query-targets";

const { values: args } = parseArgs({
  options: {
    backend: { type: "string" },
    "postgres-url": { type: "string", default: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres" },
    series: { type: "string", default: "1000" },
    points: { type: "string", default: "10000" },
    iterations: { type: "string", default: "50" },
  },
});
const SERIES = Number(args.series);
const POINTS = Number(args.points);
const ITERATIONS = Number(args.iterations);
const TENANT = "default";
const SERVICE = "bench-agent";
const INTERVAL_NS = 10_000_000_000n;
const HISTOGRAM_SERIES = 20;
const HISTOGRAM_POINTS = 8_640;
const TARGET_MS = 100;

/** Series rows and their points, generated in the database (in slices of series, so no statement runs for minutes). */
async function seed(db: Kysely<DB>, endNs: bigint): Promise<void> {
  const end = endNs.toString();
  const interval = INTERVAL_NS.toString();
  await sql`
    insert into metric_series (tenant_id, series_key, service_name, metric_name, kind, unit, temporality, monotonic, attributes, first_seen_unix_nano)
    select ${TENANT}, md5('c' || i), ${SERVICE}, 'requests.count', 'sum', '1', 2, true, jsonb_build_object('route', '/route/' || i), ${end}::int8 - ${POINTS}::int8 * ${interval}::int8
    from generate_series(0, ${SERIES - 1}::int) i`.execute(db);
  const slice = Math.max(1, Math.floor(2_000_000 / POINTS));
  for (let first = 0; first < SERIES; first += slice) {
    await sql`
      insert into metric_points (tenant_id, series_key, time_unix_nano, start_time_unix_nano, value)
      select ${TENANT}, md5('c' || i), ${end}::int8 - (${POINTS}::int8 - j) * ${interval}::int8, ${end}::int8 - ${POINTS + 1}::int8 * ${interval}::int8, (j * (1 + i % 5))::float8
      from generate_series(${first}::int, ${Math.min(SERIES, first + slice) - 1}::int) i, generate_series(1, ${POINTS}::int) j`.execute(db);
  }
  await sql`
    insert into metric_series (tenant_id, series_key, service_name, metric_name, kind, unit, temporality, attributes, first_seen_unix_nano)
    select ${TENANT}, md5('h' || i), ${SERVICE}, 'request.duration', 'histogram', 'ms', 2, jsonb_build_object('route', '/route/' || i), ${end}::int8 - ${HISTOGRAM_POINTS}::int8 * ${interval}::int8
    from generate_series(0, ${HISTOGRAM_SERIES - 1}::int) i`.execute(db);
  await sql`
    insert into metric_points (tenant_id, series_key, time_unix_nano, start_time_unix_nano, count, sum, bounds, bucket_counts)
    select ${TENANT}, md5('h' || i), ${end}::int8 - (${HISTOGRAM_POINTS}::int8 - j) * ${interval}::int8, ${end}::int8 - ${HISTOGRAM_POINTS + 1}::int8 * ${interval}::int8,
      j * 10, j * 10 * 120.0, array[5, 10, 25, 50, 100, 250, 500, 1000]::float8[], array[j, j, j, 2 * j, 2 * j, j, j, j, 0]::int8[]
    from generate_series(0, ${HISTOGRAM_SERIES - 1}::int) i, generate_series(1, ${HISTOGRAM_POINTS}::int) j`.execute(db);
  await sql`analyze metric_series`.execute(db);
  await sql`analyze metric_points`.execute(db);
}

interface Result {
  name: string;
  p50: number;
  p95: number;
  max: number;
}

async function measure(name: string, run: () => Promise<unknown>): Promise<Result> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
  return { name, p50: at(50), p95: at(95), max: times[times.length - 1]! };
}

async function benchBackend(target: QueryTarget): Promise<void> {
  console.log(`\n=== ${target.name} ===`);
  const database = await target.open();
  try {
    const db = database.kysely;
    await migrateToLatest(db);
    const endNs = BigInt(Date.now()) * 1_000_000n;
    const started = performance.now();
    await seed(db, endNs);
    const { rows } = await sql<{ n: string }>`select count(*) as n from metric_points`.execute(db);
    console.log(`Seeded ${Number(rows[0]!.n).toLocaleString("en-US")} points in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const day = 86_400n * 1_000_000_000n;
    const hour = 3_600n * 1_000_000_000n;
    const query = (overrides: Partial<MetricSeriesQuery>): MetricSeriesQuery => ({
      name: "requests.count",
      service: SERVICE,
      fromNs: endNs - day,
      toNs: endNs,
      stepNs: BigInt(defaultStepSeconds(day)) * 1_000_000_000n,
      groupBy: undefined,
      limit: 10,
      offset: 0,
      ...overrides,
    });
    // One series: the counter's series are told apart by route; one route's series is what a chart of it reads.
    const oneSeries = async () => {
      const result = await readMetricSeries(db, TENANT, query({ groupBy: "route", limit: 1 }));
      if (!result || result.groups[0]!.points.every((p) => p.value === null)) throw new Error("the counter's series charted empty");
    };
    const results = [
      await measure(`one counter series, 24 h (group 1 of ${SERIES} by route)`, oneSeries),
      await measure(`histogram, 24 h, ${HISTOGRAM_SERIES} series in one group (p50/p95/p99)`, () => readMetricSeries(db, TENANT, query({ name: "request.duration" }))),
      await measure("counter by route, 1 h, first 10 groups", () => readMetricSeries(db, TENANT, query({ fromNs: endNs - hour, stepNs: BigInt(defaultStepSeconds(hour)) * 1_000_000_000n, groupBy: "route" }))),
      await measure("metrics of the service", () => listMetrics(db, TENANT, { service: SERVICE, limit: 200, cursor: null })),
    ];
    console.log(`\n${target.name}: ${ITERATIONS} iterations per scenario after warm-up (target: p95 ≤ ${TARGET_MS} ms for one series' 24 h)`);
    console.log("scenario                                                        p50 ms   p95 ms   max ms");
    for (const r of results) console.log(`${r.name.padEnd(62)}${r.p50.toFixed(1).padStart(8)}${r.p95.toFixed(1).padStart(9)}${r.max.toFixed(1).padStart(9)}`);
  } finally {
    await database.close();
    await target.cleanup();
  }
}

async function main(): Promise<void> {
  const backend = args.backend ?? "both";
  if (!["postgres", "pglite", "both"].includes(backend)) throw new Error(`--backend must be postgres, pglite or both, not ${backend}`);
  console.log(`${SERIES} counter series × ${POINTS} points; node ${process.version}, ${os.cpus().length} cores`);
  for (const name of backend === "both" ? ["postgres", "pglite"] : [backend]) {
    await benchBackend(name === "postgres" ? postgresQueryTarget(args["postgres-url"]!, "codon_bench_metrics") : pgliteQueryTarget("codon-bench-metrics"));
  }
}

await main();
