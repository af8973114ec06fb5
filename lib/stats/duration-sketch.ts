/**
 * A log-bucketed duration sketch (the DDSketch idea): each duration falls in the bin whose
 * value is within 1% of it, so a node's durations take a few dozen (bin, count) pairs however
 * many activations it has, two sketches merge by adding counts, and a quantile read from the
 * merged bins is within 1% of the exact one. run_nodes keeps one per (run, node) so ingest adds
 * a batch's activations without rereading the run's, and version compare merges them.
 */

/** Relative accuracy of a bin's value. */
export const RELATIVE_ACCURACY = 0.01;
const GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
const LN_GAMMA = Math.log(GAMMA);

export interface DurationSketch {
  /** Bin keys, ascending; bin 0 holds durations ≤ 0. */
  bins: number[];
  /** Activations in each bin. */
  counts: number[];
}

export const emptySketch = (): DurationSketch => ({ bins: [], counts: [] });

/** The bin of a duration in nanoseconds (the migration to sketches computes the same in SQL). */
export function binOf(durationNs: number): number {
  if (!(durationNs > 0)) return 0;
  return Math.max(1, Math.ceil(Math.log(durationNs) / LN_GAMMA));
}

/** The duration a bin stands for: the middle of its range, within 1% of every member. */
export function valueOfBin(bin: number): number {
  return bin <= 0 ? 0 : (2 * GAMMA ** bin) / (GAMMA + 1);
}

/** Adds counts per bin (from another sketch or new durations) into a new sketch. */
export function mergeSketches(...sketches: DurationSketch[]): DurationSketch {
  const counts = new Map<number, number>();
  for (const sketch of sketches) {
    for (let i = 0; i < sketch.bins.length; i += 1) {
      const bin = sketch.bins[i]!;
      counts.set(bin, (counts.get(bin) ?? 0) + sketch.counts[i]!);
    }
  }
  const bins = [...counts.keys()].sort((a, b) => a - b);
  return { bins, counts: bins.map((bin) => counts.get(bin)!) };
}

export function sketchOf(durationsNs: readonly number[]): DurationSketch {
  const counts = new Map<number, number>();
  for (const duration of durationsNs) {
    const bin = binOf(duration);
    counts.set(bin, (counts.get(bin) ?? 0) + 1);
  }
  const bins = [...counts.keys()].sort((a, b) => a - b);
  return { bins, counts: bins.map((bin) => counts.get(bin)!) };
}

/** The exact shortest and longest member, kept beside a sketch. */
export interface DurationBounds {
  min: number;
  max: number;
}

/**
 * The q-quantile (0..1) of a sketch, interpolated between neighbouring ranks as percentile_cont
 * does over exact values, so small samples read as they did before sketches; null when empty.
 * With the exact bounds, the first and last ranks are exact and no value leaves them (so a node
 * whose activations all took the same time reads that time exactly).
 */
export function quantileOf(sketch: DurationSketch, q: number, bounds?: DurationBounds): number | null {
  const total = sketch.counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = Math.min(Math.max(q, 0), 1) * (total - 1);
  const lower = Math.floor(rank);
  const lowerValue = valueAtRank(sketch, lower, total, bounds);
  if (rank === lower) return lowerValue;
  return lowerValue + (rank - lower) * (valueAtRank(sketch, lower + 1, total, bounds) - lowerValue);
}

/** The value of the rank-th smallest member (0-based). */
function valueAtRank(sketch: DurationSketch, rank: number, total: number, bounds?: DurationBounds): number {
  if (bounds && rank === 0) return bounds.min;
  if (bounds && rank === total - 1) return bounds.max;
  let value = valueOfBin(sketch.bins.at(-1) ?? 0);
  let seen = 0;
  for (let i = 0; i < sketch.bins.length; i += 1) {
    seen += sketch.counts[i]!;
    if (seen > rank) {
      value = valueOfBin(sketch.bins[i]!);
      break;
    }
  }
  return bounds ? Math.min(Math.max(value, bounds.min), bounds.max) : value;
}

/**
 * A sketch as run_nodes stores it: nothing (both null) when every activation fell in the bin of
 * the shortest one, as when a node ran once in its run, which is most nodes of most runs. Two
 * one-element arrays cost ~56 B a row, more than the rest of the sketch's row beside the key.
 * Readers rebuild it from the minimum and the activation count (`sketchFromStored`, and
 * `storedSketchColumns` in SQL).
 */
export function storedSketch(sketch: DurationSketch, minNs: number | null): { bins: number[] | null; counts: number[] | null } {
  if (minNs !== null && sketch.bins.length === 1 && sketch.bins[0] === binOf(minNs)) return { bins: null, counts: null };
  return { bins: sketch.bins, counts: sketch.counts };
}

/** The sketch a stored row stands for (see `storedSketch`). */
export function sketchFromStored(bins: readonly number[] | null, counts: readonly number[] | null, minNs: number | null, activations: number): DurationSketch {
  if (bins !== null && counts !== null) return { bins: bins.map(Number), counts: counts.map(Number) };
  if (minNs === null || activations === 0) return emptySketch();
  return { bins: [binOf(minNs)], counts: [activations] };
}
