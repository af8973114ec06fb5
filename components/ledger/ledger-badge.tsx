"use client";

import { useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/components/ui/api-client";
import type { LedgerVerification } from "@/lib/ledger-chain/types";
import type { RunStatus } from "@/lib/runs/types";

const STYLE = {
  verified: "bg-emerald-50 text-emerald-800 ring-emerald-600/30",
  pending: "bg-slate-100 text-slate-700 ring-slate-400/30",
  broken: "bg-red-100 text-red-800 ring-red-600/40 font-semibold",
} as const;

/** What the badge says: the state, and for a broken ledger the first bad event. */
export function ledgerLabel(verification: Pick<LedgerVerification, "status" | "brokenAt">): string {
  if (verification.status === "broken") return verification.brokenAt ? `ledger broken at event ${verification.brokenAt.index}` : "ledger broken";
  return `ledger ${verification.status}`;
}

const verifyPath = (runId: string) => `/api/v1/runs/${encodeURIComponent(runId)}/ledger/verify`;

/**
 * The run's ledger verification (GET .../ledger/verify): verified (green, with the evidence bundle
 * to download), pending (asked again every 5 s: a run is sealed and signed within a minute of
 * finishing) or broken (red, naming the first event that differs). Nothing for a run without a ledger.
 */
export function LedgerBadge({ runId, runStatus, mayExport = true }: { runId: string; runStatus: RunStatus; mayExport?: boolean }) {
  const query = useQuery({
    queryKey: ["run", runId, "ledger-verify", runStatus],
    queryFn: ({ signal }) => fetchJson<LedgerVerification>(verifyPath(runId), { signal }),
    refetchInterval: (current) => (current.state.data?.status === "pending" && runStatus !== "running" ? 5000 : false),
  });
  const verification = query.data;
  if (!verification || verification.status === "none") return null;
  const { status } = verification;
  return (
    <span className="inline-flex items-center gap-1 text-xs">
      <span
        data-testid="ledger-badge"
        data-status={status}
        title={verification.message}
        className={`rounded-full px-2 py-0.5 ring-1 ring-inset ${STYLE[status]}`}
      >
        {status === "verified" ? "✓ " : status === "broken" ? "✗ " : ""}
        {ledgerLabel(verification)}
      </span>
      {status !== "pending" && mayExport ? (
        <a
          data-testid="ledger-export-link"
          href={`/api/v1/runs/${encodeURIComponent(runId)}/ledger/export`}
          download
          className="text-sky-800 underline-offset-2 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
          title="The evidence bundle: check it offline with npx tsx sdk/verify.ts bundle.json"
        >
          evidence
        </a>
      ) : null}
      {status === "broken" ? <span className="sr-only">{verification.message}</span> : null}
    </span>
  );
}
