import type { CostSource } from "@/lib/db/types";
import { libraryPrice, type PricedUsage } from "@/lib/costs/pricing/library-prices";
import { overrideCost, overrideFor, type OverridePrice } from "@/lib/costs/pricing/overrides";
import type { Usage } from "@/collector/normalize/usage";

export interface SpanCost {
  cost_usd: string | null;
  cost_source: CostSource | null;
}

const NO_COST: SpanCost = { cost_usd: null, cost_source: null };
const count = (value: string | null) => (value === null ? 0 : Number(value));

/**
 * A span's cost: what it reports itself (`gen_ai.usage.cost`) when it does, else its usage priced
 * at the time of the call by the tenant's override for the model, or else the price library; null
 * when it used no tokens or the model has no price (the unpriced models list shows those).
 */
export function spanCost(
  usage: Usage,
  reported: string | null,
  vendor: string | null,
  model: string | null,
  startNs: bigint,
  overrides: readonly OverridePrice[] = [],
): SpanCost {
  if (reported !== null) return { cost_usd: reported, cost_source: "reported" };
  if (model === null) return NO_COST;
  const priced: PricedUsage = {
    vendor,
    model,
    inputTokens: count(usage.input_tokens),
    outputTokens: count(usage.output_tokens),
    cacheReadTokens: count(usage.cache_read_tokens),
    cacheWriteTokens: count(usage.cache_write_tokens),
    at: new Date(Number(startNs / 1_000_000n)),
  };
  if (priced.inputTokens + priced.outputTokens + priced.cacheReadTokens + priced.cacheWriteTokens === 0) return NO_COST;
  const override = overrides.length > 0 ? overrideFor(overrides, vendor, model, priced.at) : null;
  if (override) return { cost_usd: overrideCost(priced, override), cost_source: "override" };
  const price = libraryPrice(priced);
  return price ? { cost_usd: price.costUsd, cost_source: "price_library" } : NO_COST;
}
