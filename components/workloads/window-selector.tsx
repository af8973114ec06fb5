import Link from "next/link";
import { WINDOWS, type WindowKey } from "./window";

interface Props {
  /** The page the links point at. */
  path: string;
  current: WindowKey;
  /** The page's default window: its link carries no `?window=`, so the plain URL stays canonical. */
  fallback: WindowKey;
  /** Other view state to carry along (e.g. the highlighted logic id). */
  keep?: Record<string, string | undefined>;
}

/** The time window as plain links: works without JavaScript, keyboard-reachable, shareable. */
export function WindowSelector({ path, current, fallback, keep = {} }: Props) {
  return (
    <nav aria-label="Time window" data-testid="window-selector" className="flex items-center gap-2 text-sm">
      <span className="text-xs font-medium text-slate-600">Window</span>
      <ul className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
        {WINDOWS.map((w) => {
          const params = new URLSearchParams(Object.entries(keep).filter((e): e is [string, string] => Boolean(e[1])));
          if (w.key !== fallback) params.set("window", w.key);
          const query = params.toString();
          const active = w.key === current;
          return (
            <li key={w.key}>
              <Link
                href={query ? `${path}?${query}` : path}
                data-window={w.key}
                aria-current={active ? "page" : undefined}
                scroll={false}
                className={`block rounded px-2.5 py-1 outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${
                  active ? "bg-slate-800 font-medium text-white" : "text-slate-600 hover:bg-slate-100"
                }`}
              >
                {w.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
