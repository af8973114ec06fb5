import type { CostSource, NewSpan } from "@/lib/db/types";
import { libraryPrice, priceableName, type PricedUsage } from "@/lib/costs/pricing/library-prices";
import { overrideCost, overrideFor, type OverridePrice } from "@/lib/costs/pricing/overrides";
import type { Usage } from "@/collector/normalize/usage";

export interface SpanCost {
  cost_usd: string | null;
  cost_source: CostSource | null;
}

const NO_COST: SpanCost = { cost_usd: null, cost_source: null };

/** The counts a price applies to (reasoning tokens are part of the output). */
export type PricedCounts = Pick<Usage, "input_tokens" | "output_tokens" | "cache_read_tokens" | "cache_write_tokens">;
const count = (value: string | null) => (value === null ? 0 : Number(value));

/**
 * The one pricing decision, for ingest and repricing alike: the cost a span reports itself
 * (`gen_ai.usage.cost`) when it does, else its usage priced at the time of the call by the
 * tenant's override for the model, or else the price library; null when it used no tokens or the
 * model has no price (the unpriced models list shows those).
 */
export function spanCost(
  usage: PricedCounts,
  reported: string | null,
  vendor: string | null,
  model: string | null,
  startNs: bigint,
  overrides: readonly OverridePrice[] = [],
): SpanCost {
  if (reported !== null) return { cost_usd: reported, cost_source: "reported" };
  // An over-long name is unpriced, by override and library alike (see MAX_PRICED_NAME_LENGTH).
  if (model === null || !priceableName(model) || !priceableName(vendor)) return NO_COST;
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

const text = (value: string | number | bigint | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

const NO_OVERRIDES: readonly OverridePrice[] = [];

/**
 * Prices a batch's spans in place with their tenants' overrides. Normalizing left on a row only
 * the cost the span reported itself; a row priced by an earlier attempt at the same batch (written
 * again after a failure) is priced afresh.
 */
export function priceSpans(spans: NewSpan[], overridesByTenant: ReadonlyMap<string, readonly OverridePrice[]>): void {
  for (const span of spans) {
    const usage = {
      input_tokens: text(span.input_tokens),
      output_tokens: text(span.output_tokens),
      cache_read_tokens: text(span.cache_read_tokens),
      cache_write_tokens: text(span.cache_write_tokens),
    };
    const overrides = overridesByTenant.get(span.tenant_id) ?? NO_OVERRIDES;
    const startNs = BigInt(span.start_time_unix_nano);
    const reported = span.cost_source === "price_library" || span.cost_source === "override" ? null : text(span.cost_usd);
    const cost = spanCost(usage, reported, span.model_vendor ?? null, span.model_name ?? null, startNs, overrides);
    span.cost_usd = cost.cost_usd;
    span.cost_source = cost.cost_source;
  }
}
