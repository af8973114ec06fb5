import type { PriceOverride, UnpricedModel } from "@/lib/costs/types";
import type { SortOrder } from "@/lib/http/pagination";

// The order each costs list is paginated in: the order its query returns, as sort keys.

/** Most tokens first. */
export const UNPRICED_ORDER: SortOrder<UnpricedModel> = {
  key: (m) => [m.inputTokens + m.outputTokens, m.model, m.vendor ?? ""],
  directions: ["desc", "asc", "asc"],
};

/** By model, newest date first (the prices page's order). */
export const PRICE_ORDER: SortOrder<PriceOverride> = {
  key: (p) => [p.model.toLowerCase(), p.effectiveFrom, Number(p.id)],
  directions: ["asc", "desc", "desc"],
};
