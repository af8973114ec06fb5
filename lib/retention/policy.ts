import { startupSetting } from "@/lib/runtime/startup-setting";

/** How long runs are kept when neither RETENTION_DAYS nor the tenant says otherwise. */
export const DEFAULT_RETENTION_DAYS = 30;
/** A hundred years: past it a cutoff in nanoseconds would be meaningless anyway. */
export const MAX_RETENTION_DAYS = 36_500;

const DAY_NS = 86_400n * 1_000_000_000n;

const serverDefault = startupSetting("retention-days", DEFAULT_RETENTION_DAYS);

/** Set once at start from RETENTION_DAYS. */
export const setDefaultRetentionDays = (days: number): void => serverDefault.set(days);

export const defaultRetentionDays = (): number => serverDefault.get();

/** A tenant's own setting wins; null follows the server's default. 0 keeps everything. */
export function effectiveRetentionDays(tenantDays: number | null, defaultDays: number): number {
  return tenantDays ?? defaultDays;
}

/** Runs whose last activity ended before this are removed; null when nothing is ever removed. */
export function retentionCutoffNs(days: number, nowMs: number): bigint | null {
  if (days <= 0) return null;
  return BigInt(Math.trunc(nowMs)) * 1_000_000n - BigInt(days) * DAY_NS;
}
