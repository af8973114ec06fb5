import Link from "next/link";

const code = "rounded bg-slate-100 px-1 font-mono text-[0.85em]";

/** The page heading and how prices are chosen, so a price set here is not a surprise later. */
export function PricesIntro() {
  return (
    <div className="mb-6">
      <Link
        href="/costs"
        data-testid="prices-back"
        className="text-sm text-sky-700 underline-offset-2 outline-none hover:underline focus-visible:rounded focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        ← Costs
      </Link>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">Prices</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600">
        By default every LLM call is priced from the <code className={code}>@pydantic/genai-prices</code> library at the time of the
        call, counting input, output, cache-read and cache-write tokens. A price you set here wins for calls on or after its
        effective date. A cost a span reports itself (<code className={code}>gen_ai.usage.cost</code>) is never changed. Changing a
        price recomputes the stored costs of that model in the background.
      </p>
    </div>
  );
}
