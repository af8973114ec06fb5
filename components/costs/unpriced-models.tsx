import Link from "next/link";
import { DASH } from "@/components/workloads/figures";
import { RelativeTime } from "@/components/workloads/relative-time";
import { formatCount, formatTokens } from "@/components/ui/format";
import type { UnpricedModel } from "@/lib/costs/types";
import { addPriceHref } from "@/components/costs/links";

const th = "px-3 py-2 font-medium";
const num = "px-3 py-2 text-right tabular-nums";

/** Models whose usage has no price: the spend above is missing their share until one is added. */
export function UnpricedModels({ models, nowMs }: { models: UnpricedModel[]; nowMs: number }) {
  if (models.length === 0) {
    return (
      <p data-testid="unpriced-none" className="mb-6 text-xs text-slate-500">
        All models with usage are priced.
      </p>
    );
  }
  return (
    <section aria-labelledby="unpriced-heading" data-testid="unpriced-models" className="mb-6">
      <h2 id="unpriced-heading" className="text-sm font-semibold text-slate-800">
        Unpriced models
      </h2>
      <p className="mb-2 mt-1 text-xs text-slate-600">
        These calls have token usage but no price, so their cost is missing from the figures above. Counted over all time and every workload.
      </p>
      <div className="overflow-x-auto rounded-lg border border-amber-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Models with token usage but no price</caption>
          <thead className="bg-amber-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className={th}>Model</th>
              <th scope="col" className={th}>Provider</th>
              <th scope="col" className={`${th} text-right`}>Tokens in / out</th>
              <th scope="col" className={`${th} text-right`}>Spans</th>
              <th scope="col" className={`${th} text-right`}>Runs</th>
              <th scope="col" className={th}>Last seen</th>
              <th scope="col" className={th}>
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={`${m.vendor ?? ""}\u001f${m.model}`} data-testid="unpriced-row" data-model={m.model} className="border-t border-slate-100">
                <td className="px-3 py-2 font-mono text-xs">{m.model}</td>
                <td className="px-3 py-2">{m.vendor || <span className="text-slate-400">{DASH}</span>}</td>
                <td className={`${num} whitespace-nowrap`} title={`${formatCount(m.inputTokens)} in · ${formatCount(m.outputTokens)} out`}>
                  {formatTokens(m.inputTokens)} / {formatTokens(m.outputTokens)}
                </td>
                <td className={num}>{formatCount(m.spanCount)}</td>
                <td className={num}>{formatCount(m.runCount)}</td>
                <td className="px-3 py-2">
                  <RelativeTime iso={m.lastSeen} nowMs={nowMs} />
                </td>
                <td className="px-3 py-2 text-right">
                  <Link
                    href={addPriceHref(m.model, m.vendor)}
                    data-testid="add-price-link"
                    aria-label={`Add a price for ${m.model}`}
                    className="whitespace-nowrap font-medium text-sky-800 outline-none hover:underline focus-visible:ring-2 focus-visible:ring-sky-400"
                  >
                    Add a price
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
