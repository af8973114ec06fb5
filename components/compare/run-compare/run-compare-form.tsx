import Link from "next/link";

const INPUT = "w-full rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

/** The two run ids as a plain GET form: works before any script loads, and the result is a link. */
export function RunCompareForm({ a, b }: { a?: string; b?: string }) {
  return (
    <form
      method="get"
      action="/runs/compare"
      data-testid="run-compare-form"
      aria-label="Runs to compare"
      className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white px-4 py-3"
    >
      <label className="flex min-w-[16rem] flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
        Run a (baseline)
        <input name="a" defaultValue={a ?? ""} required placeholder="run id" spellCheck={false} autoComplete="off" className={INPUT} />
      </label>
      <label className="flex min-w-[16rem] flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
        Run b
        <input name="b" defaultValue={b ?? ""} required placeholder="run id" spellCheck={false} autoComplete="off" className={INPUT} />
      </label>
      <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-medium text-white outline-none hover:bg-slate-700 focus-visible:ring-2 focus-visible:ring-sky-400">
        Compare
      </button>
      {a && b ? (
        <Link
          href={`/runs/compare?a=${encodeURIComponent(b)}&b=${encodeURIComponent(a)}`}
          data-testid="run-compare-swap"
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400"
        >
          Swap a and b
        </Link>
      ) : null}
    </form>
  );
}
