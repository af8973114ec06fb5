import type { NewSpan } from "@/lib/db/types";
import type { OverridePrice } from "@/lib/costs/pricing/overrides";
import { spanCost } from "@/collector/normalize/cost";

const text = (value: string | number | bigint | null | undefined): string | null =>
  value === null || value === undefined ? null : String(value);

/**
 * Prices spans with their tenant's overrides, in place. Normalizing priced them from the library
 * alone (it does not know the tenant's prices); a cost the span reported itself is kept.
 */
export function applyOverrides(spans: NewSpan[], overridesByTenant: ReadonlyMap<string, readonly OverridePrice[]>): void {
  if (overridesByTenant.size === 0) return;
  for (const span of spans) {
    const overrides = overridesByTenant.get(span.tenant_id);
    if (!overrides || span.cost_source === "reported" || !span.model_name) continue;
    const usage = {
      input_tokens: text(span.input_tokens),
      output_tokens: text(span.output_tokens),
      total_tokens: text(span.total_tokens),
      cache_read_tokens: text(span.cache_read_tokens),
      cache_write_tokens: text(span.cache_write_tokens),
    };
    const cost = spanCost(usage, null, span.model_vendor ?? null, span.model_name, BigInt(span.start_time_unix_nano), overrides);
    span.cost_usd = cost.cost_usd;
    span.cost_source = cost.cost_source;
  }
}
