import { sql, type RawBuilder } from "kysely";

// Calendar buckets of int8 nanosecond times (UTC), used alike by the costs charts and the
// workload trends: the same bucket edges in SQL and in code.

export type TimeBucket = "hour" | "day" | "week";

const HOUR_NS = 3_600_000_000_000n;
export const BUCKET_NS: Record<TimeBucket, bigint> = { hour: HOUR_NS, day: 24n * HOUR_NS, week: 7n * 24n * HOUR_NS };
/** Weeks start on Monday: 1970-01-01 was a Thursday. */
const BUCKET_OFFSET_NS: Record<TimeBucket, bigint> = { hour: 0n, day: 0n, week: 4n * 24n * HOUR_NS };
/** The newest buckets kept: a chart of more points is unreadable anyway. */
export const MAX_TREND_POINTS = 1_000;

/** The start of the bucket holding `column` (an int8 ns expression), computed in the database. */
export function bucketStartSql(bucket: TimeBucket, column: RawBuilder<unknown>): RawBuilder<unknown> {
  const size = BUCKET_NS[bucket].toString();
  const offset = BUCKET_OFFSET_NS[bucket].toString();
  return sql`((${column} - ${offset}::int8) / ${size}::int8) * ${size}::int8 + ${offset}::int8`;
}

/** The start of the bucket holding `ns`, as bucketStartSql computes it. */
export function bucketStart(bucket: TimeBucket, ns: bigint): bigint {
  const size = BUCKET_NS[bucket];
  const offset = BUCKET_OFFSET_NS[bucket];
  return ((ns - offset) / size) * size + offset;
}

/** Every bucket start from `first` to `last`, the newest MAX_TREND_POINTS of them. */
export function bucketStarts(bucket: TimeBucket, first: bigint, last: bigint): bigint[] {
  const size = BUCKET_NS[bucket];
  let from = bucketStart(bucket, first);
  const to = bucketStart(bucket, last);
  if ((to - from) / size >= BigInt(MAX_TREND_POINTS)) from = to - (BigInt(MAX_TREND_POINTS) - 1n) * size;
  const starts: bigint[] = [];
  for (let at = from; at <= to; at += size) starts.push(at);
  return starts;
}

/** Hours up to three days of data, days up to half a year, weeks beyond. */
export function pickBucket(spanNs: bigint): TimeBucket {
  if (spanNs <= 3n * BUCKET_NS.day) return "hour";
  if (spanNs <= 180n * BUCKET_NS.day) return "day";
  return "week";
}
