import { getHeapStatistics } from "node:v8";

/** What the collector holds beside its ingest budget: code, the spool's cache, the drainer's window (~150 MB at most as measured, with room to spare). */
const BESIDE_BUDGET_BYTES = 128 * 1024 * 1024;

/**
 * The heap the collector needs for an ingest memory budget, when V8's limit is below it: the
 * budget's hard ceiling (twice it, fair share) plus what is held beside it. Null when it fits.
 */
export function heapShortfall(ingestMemoryBytes: number, heapLimitBytes = getHeapStatistics().heap_size_limit): { neededMb: number; limitMb: number } | null {
  const needed = 2 * ingestMemoryBytes + BESIDE_BUDGET_BYTES;
  if (needed <= heapLimitBytes) return null;
  return { neededMb: Math.ceil(needed / 1048576), limitMb: Math.floor(heapLimitBytes / 1048576) };
}
