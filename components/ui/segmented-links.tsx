import Link from "next/link";

export interface Segment {
  key: string;
  label: string;
  href: string;
  testId: string;
}

/** A segmented control made of links: each choice is a shareable URL, and it works without JavaScript. */
export function SegmentedLinks({ label, groupLabel = label, segments, current }: { label: string; groupLabel?: string; segments: Segment[]; current: string }) {
  return (
    <div role="group" aria-label={groupLabel} className="flex items-center gap-2 text-sm">
      <span aria-hidden className="text-xs font-medium text-slate-600">
        {label}
      </span>
      <ul className="inline-flex rounded-md border border-slate-300 bg-white p-0.5">
        {segments.map((segment) => {
          const active = segment.key === current;
          return (
            <li key={segment.key}>
              <Link
                href={segment.href}
                data-testid={segment.testId}
                aria-current={active ? "page" : undefined}
                scroll={false}
                className={`block rounded px-2.5 py-1 outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${
                  active ? "bg-slate-800 font-medium text-white" : "text-slate-600 hover:bg-slate-100"
                }`}
              >
                {segment.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
