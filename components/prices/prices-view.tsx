"use client";

import { useQuery } from "@tanstack/react-query";
import type { PriceOverrideList } from "@/lib/costs/types";
import { priceApi, priceKeys } from "@/components/prices/api";
import { hasPendingJobs } from "@/components/prices/format";
import { PriceForm } from "@/components/prices/price-form";
import { PricesTable } from "@/components/prices/prices-table";
import { RepriceJobs } from "@/components/prices/reprice-jobs";
import { NotAllowed } from "@/components/ui/not-allowed";

/** Progress moves while a job runs; once none is queued or running there is nothing to watch. */
const POLL_MS = 1000;

interface Props {
  initialList: PriceOverrideList;
  today: string;
  prefill: { model?: string; provider?: string };
  /** The admin scope: without it there is no form and no delete button, as the server would refuse them. */
  mayEdit: boolean;
}

/** The price settings: the form, the tenant's prices and the recomputations they started. */
export function PricesView({ initialList, today, prefill, mayEdit }: Props) {
  const prices = useQuery({
    queryKey: priceKeys.list,
    queryFn: ({ signal }) => priceApi.list(signal),
    initialData: initialList,
    refetchInterval: (query) => (hasPendingJobs(query.state.data?.jobs) ? POLL_MS : false),
  });
  const { overrides, jobs } = prices.data;

  return (
    <div className="flex flex-col gap-8">
      {/* A new ?model= (another "Add a price" link) starts a fresh form. */}
      {mayEdit ? (
        <PriceForm key={`${prefill.model ?? ""}\u0000${prefill.provider ?? ""}`} today={today} prefill={prefill} jobs={jobs} />
      ) : (
        <NotAllowed testId="prices-not-allowed">Only admins of this tenant can add or delete prices.</NotAllowed>
      )}

      {prices.isError ? (
        <p role="alert" data-testid="prices-refresh-error" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          Could not refresh the prices ({prices.error.message}); showing what was last loaded.
        </p>
      ) : null}

      <section aria-labelledby="your-prices">
        <h2 id="your-prices" className="mb-3 text-base font-semibold text-slate-800">
          Your prices
        </h2>
        <PricesTable overrides={overrides} mayDelete={mayEdit} />
      </section>

      <section aria-labelledby="recomputing-costs">
        <h2 id="recomputing-costs" className="mb-1 text-base font-semibold text-slate-800">
          Recomputing costs
        </h2>
        <p className="mb-3 text-xs text-slate-500">Stored costs of a model are recomputed in the background after its price changes; pages show the new costs as they land.</p>
        <RepriceJobs jobs={jobs} />
      </section>
    </div>
  );
}
