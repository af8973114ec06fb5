import { EDGE_LOOK } from "@/components/runs/run-dag/looks";

const ITEMS = [
  { label: "token (ledger)", look: EDGE_LOOK.ledger },
  { label: "span parent", look: EDGE_LOOK.parent },
  { label: "inferred from time", look: EDGE_LOOK.inferred },
] as const;

/** What each edge of the as-it-ran view means. */
export function AsRanLegend({ className = "" }: { className?: string }) {
  return (
    <ul aria-label="Edge kinds" className={`flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 ${className}`}>
      {ITEMS.map(({ label, look }) => (
        <li key={label} className="flex items-center gap-1.5">
          <svg aria-hidden width={24} height={6}>
            <line x1={0} y1={3} x2={24} y2={3} stroke={look.stroke} strokeWidth={look.strokeWidth} strokeDasharray={look.strokeDasharray} strokeLinecap={look.strokeLinecap === "round" ? "round" : undefined} />
          </svg>
          {label}
        </li>
      ))}
      <li className="text-slate-500">#n: the node&apos;s n-th activation</li>
    </ul>
  );
}
