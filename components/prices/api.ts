import type { PriceOverrideCreated, PriceOverrideList, RepriceJob } from "@/lib/costs/types";
import type { PriceOverrideRequest } from "@/components/prices/price-form-values";
import { fetchJson } from "@/components/ui/api-client";

/** One key: a save or delete refreshes the prices and the jobs together. */
export const priceKeys = { list: ["price-overrides"] as const };

/** A refused write throws the server's own message (`error.message`) as an ApiError. */
export const priceApi = {
  list: (signal?: AbortSignal) => fetchJson<PriceOverrideList>("/api/v1/prices?limit=500", { signal }),
  create: (body: PriceOverrideRequest) => fetchJson<PriceOverrideCreated>("/api/v1/prices", { method: "POST", body }),
  remove: (id: string) => fetchJson<{ deleted: string; job: RepriceJob }>(`/api/v1/prices/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
