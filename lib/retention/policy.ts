/** How long runs are kept when neither RETENTION_DAYS nor the tenant says otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;
/** A hundred years: past it a cutoff in nanoseconds would be meaningless anyway. */
export const MAX_RETENTION_DAYS = 36_500;

const DAY_NS = 86_400n * 1_000_000_000n;

// On globalThis, as the server runtime is: Next bundles route handlers into their own module
// graph, and the value server.ts sets at start must reach them.
const KEY = Symbol.for("codon-observatory.retention-days");
type WithDays = typeof globalThis & { [KEY]?: number };

/** Set once at start from RETENTION_DAYS. */
export function setDefaultRetentionDays(days: number): void {
  (globalThis as WithDays)[KEY] = days;
}

export function defaultRetentionDays(): number {
  return (globalThis as WithDays)[KEY] ?? DEFAULT_RETENTION_DAYS;
}

/** A tenant's own setting wins; null follows the server's default. 0 keeps everything. */
export function effectiveRetentionDays(tenantDays: number | null, defaultDays: number): number {
  return tenantDays ?? defaultDays;
}

/** Runs whose last activity ended before this are removed; null when nothing is ever removed. */
export function retentionCutoffNs(days: number, nowMs: number): bigint | null {
  if (days <= 0) return null;
  return BigInt(Math.trunc(nowMs)) * 1_000_000n - BigInt(days) * DAY_NS;
}
