import Link from "next/link";
import { PRICES_PATH } from "@/components/costs/links";

/** The page title, the window's total (when there is one to show) and the way to the price settings. */
export function CostsHeader({ total }: { total?: string }) {
  return (
    <div className="mb-6 flex flex-wrap items-start justify-between gap-3">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Costs</h1>
        {total ? (
          <p data-testid="costs-total" className="mt-1 text-sm text-slate-600">
            {total}
          </p>
        ) : (
          <p className="mt-1 text-sm text-slate-600">Spend by workload, version, model, deployment and day.</p>
        )}
      </div>
      <Link
        href={PRICES_PATH}
        data-testid="prices-link"
        className="rounded-md px-2 py-1 text-sm font-medium text-sky-800 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        Prices →
      </Link>
    </div>
  );
}
