import { recordedWrite } from "@/lib/access-log/record";
import { accessContextOf } from "@/lib/access-log/request-context";
import type { PriceOverrideListPage } from "@/lib/costs/types";
import { PRICE_ORDER } from "@/lib/costs/list-orders";
import { LIST_LIMITS, pageAfter, parsePageParams } from "@/lib/http/pagination";
import { handleRead, json, readJsonBody } from "@/lib/http/handler";
import { priceOverrideInputSchema } from "@/lib/costs/pricing/override-input";
import { createPriceOverride, listPriceOverrides } from "@/lib/costs/queries/price-overrides";
import { serverRuntime } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
const MAX_BODY_BYTES = 16 * 1024;

/** GET /api/v1/prices[?limit=&cursor=]: the tenant's own prices (paginated) and its recent repricing jobs (running and queued first). */
export function GET(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, url }) => {
    const page = parsePageParams(url.searchParams, LIST_LIMITS);
    const list = await listPriceOverrides(db, tenantId);
    const { items, nextCursor } = pageAfter(list.overrides, page, PRICE_ORDER);
    return json({ ...list, overrides: items, nextCursor } satisfies PriceOverrideListPage);
  });
}

/**
 * POST /api/v1/prices {model, provider?, effectiveFrom, inputUsdPerMtok, outputUsdPerMtok,
 * cacheReadUsdPerMtok?, cacheWriteUsdPerMtok?}: sets a price from a date on (the same model,
 * provider and date replaces it) and queues the job that reprices stored spans. 201 with both.
 * Needs `admin`.
 */
export function POST(request: Request): Promise<Response> {
  return handleRead(request, async ({ db, tenantId, principal }) => {
    const input = await readJsonBody(request, MAX_BODY_BYTES, priceOverrideInputSchema);
    const created = await recordedWrite(
      db,
      { tenantId, action: "price.create", outcome: "ok", ...accessContextOf(request, principal) },
      (trx) => createPriceOverride(trx, tenantId, input),
      ({ override }) => ({
        target: { kind: "price", id: override.id },
        details: { model: override.model, provider: override.provider, effectiveFrom: override.effectiveFrom, inputUsdPerMtok: override.inputUsdPerMtok, outputUsdPerMtok: override.outputUsdPerMtok },
      }),
    );
    serverRuntime().repricer?.wake();
    return Response.json(created, { status: 201, headers: { "cache-control": "no-store" } });
  }, { scope: "admin" });
}
