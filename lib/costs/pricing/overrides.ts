// A tenant's own prices: per model (and optionally provider), from a date on. They win over the
// price library for calls made on or after that date; the library still prices earlier calls.

import { inputIncludingCache, providerIdFor, type PricedUsage } from "@/lib/costs/pricing/library-prices";

/** One override as pricing needs it: USD per million tokens, cache prices null = charged as input. */
export interface OverridePrice {
  id: string;
  provider: string | null;
  model: string;
  effectiveFromMs: number;
  inputUsdPerMtok: number;
  outputUsdPerMtok: number;
  cacheReadUsdPerMtok: number | null;
  cacheWriteUsdPerMtok: number | null;
}

const sameProvider = (override: string, vendor: string | null): boolean => {
  if (vendor === null) return false;
  if (override.trim().toLowerCase() === vendor.trim().toLowerCase()) return true;
  // "gcp.vertex_ai" on the span and "google" in the override name the same provider.
  const a = providerIdFor(override);
  return a !== undefined && a === providerIdFor(vendor);
};

/**
 * The override in force for a call: same model (case-insensitive), a matching provider or none
 * named, effective at the call's time. The latest effective date wins; on the same date, the one
 * naming the provider.
 */
export function overrideFor(overrides: readonly OverridePrice[], vendor: string | null, model: string, at: Date): OverridePrice | null {
  const wanted = model.trim().toLowerCase();
  const atMs = at.getTime();
  let best: OverridePrice | null = null;
  for (const candidate of overrides) {
    if (candidate.model.trim().toLowerCase() !== wanted || candidate.effectiveFromMs > atMs) continue;
    if (candidate.provider !== null && !sameProvider(candidate.provider, vendor)) continue;
    if (
      best === null ||
      candidate.effectiveFromMs > best.effectiveFromMs ||
      (candidate.effectiveFromMs === best.effectiveFromMs && best.provider === null && candidate.provider !== null)
    ) {
      best = candidate;
    }
  }
  return best;
}

/** The call's cost at the override's prices, rounded to 10 decimal places (the column's scale). */
export function overrideCost(usage: PricedUsage, price: OverridePrice): string {
  const input = inputIncludingCache(usage);
  const uncached = Math.max(0, input - usage.cacheReadTokens - usage.cacheWriteTokens);
  const perMillion =
    uncached * price.inputUsdPerMtok +
    usage.cacheReadTokens * (price.cacheReadUsdPerMtok ?? price.inputUsdPerMtok) +
    usage.cacheWriteTokens * (price.cacheWriteUsdPerMtok ?? price.inputUsdPerMtok) +
    usage.outputTokens * price.outputUsdPerMtok;
  return (perMillion / 1_000_000).toFixed(10);
}
