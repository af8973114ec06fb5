import { EmptyState } from "@/components/empty-state";
import type { PriceOverride } from "@/lib/costs/types";
import { DeletePrice } from "@/components/prices/delete-price";
import { formatEffectiveFrom, formatPrice, providerLabel } from "@/components/prices/format";

const thBase = "px-3 py-2 text-xs font-medium uppercase tracking-wide text-slate-500";
const th = `${thBase} text-left`;
const thNum = `${thBase} text-right`;
const td = "px-3 py-2 align-top";
const tdNum = `${td} text-right tabular-nums whitespace-nowrap`;

/** The tenant's own prices, by model and newest date first (the server's order). */
export function PricesTable({ overrides, mayDelete }: { overrides: readonly PriceOverride[]; mayDelete: boolean }) {
  if (overrides.length === 0) {
    return (
      <EmptyState title="No prices of your own yet" testId="prices-empty">
        <p>Every LLM call is priced from the price library. {mayDelete ? "Add a price above" : "An admin can add a price"} to use your own rates for a model, for example a negotiated discount or a model the library does not know.</p>
      </EmptyState>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table data-testid="prices-table" className="w-full text-sm">
        <caption className="sr-only">Your prices, in US dollars per million tokens</caption>
        <thead className="border-b border-slate-200 bg-slate-50">
          <tr>
            <th scope="col" className={th}>Model</th>
            <th scope="col" className={th}>Provider</th>
            <th scope="col" className={th}>Effective from</th>
            <th scope="col" className={thNum}>Input $/1M</th>
            <th scope="col" className={thNum}>Output $/1M</th>
            <th scope="col" className={thNum}>Cache read $/1M</th>
            <th scope="col" className={thNum}>Cache write $/1M</th>
            <th scope="col" className={th}><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {overrides.map((price) => (
            <PriceRow key={price.id} price={price} mayDelete={mayDelete} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function PriceRow({ price, mayDelete }: { price: PriceOverride; mayDelete: boolean }) {
  const from = formatEffectiveFrom(price.effectiveFrom);
  const asInput = "text-slate-400";
  return (
    <tr data-testid="price-row" data-price-id={price.id}>
      <th scope="row" className={`${td} text-left font-mono font-normal text-slate-900`}>{price.model}</th>
      <td className={`${td} font-mono ${price.provider === null ? "text-slate-400" : "text-slate-700"}`}>{providerLabel(price.provider)}</td>
      <td className={`${td} tabular-nums whitespace-nowrap`}>
        <time dateTime={price.effectiveFrom}>{from}</time>
      </td>
      <td className={tdNum}>{formatPrice(price.inputUsdPerMtok)}</td>
      <td className={tdNum}>{formatPrice(price.outputUsdPerMtok)}</td>
      <td className={`${tdNum} ${price.cacheReadUsdPerMtok === null ? asInput : ""}`}>{formatPrice(price.cacheReadUsdPerMtok)}</td>
      <td className={`${tdNum} ${price.cacheWriteUsdPerMtok === null ? asInput : ""}`}>{formatPrice(price.cacheWriteUsdPerMtok)}</td>
      <td className={`${td} text-right`}>
        {mayDelete ? <DeletePrice id={price.id} label={`the price for ${price.model}${price.provider ? ` (${price.provider})` : ""} from ${from}`} /> : null}
      </td>
    </tr>
  );
}
