import { unstable_rethrow } from "next/navigation";
import { EmptyState, LoadFailed, PageHeader } from "@/components/empty-state";
import { AccessLogFilterForm, AccessLogTable, type AccessLogFilters } from "@/components/settings/access-log/access-log-table";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import type { AccessLogEntry } from "@/lib/access-log/entry";
import { encodeAccessLogCursor, parseAccessLogParams } from "@/lib/access-log/params";
import { listAccessLog, verifyAccessLog } from "@/lib/access-log/queries/access-log";
import type { ChainVerification } from "@/lib/access-log/chain";
import { pageTenant } from "@/lib/auth/page-tenant";
import { requireDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
export const metadata = { title: "Access log" };

const DESCRIPTION =
  "Who signed in (and who was refused), created or revoked keys, invited, changed or removed members, changed prices, alert rules, redaction or retention, and exported run data or this log. Append-only and hash-chained per tenant; kept at least a year.";

const FILTERS = ["action", "actor", "outcome", "from", "to"] as const;

export default async function AccessLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const params = new URLSearchParams();
  for (const name of [...FILTERS, "cursor"]) {
    const value = raw[name];
    if (typeof value === "string" && value !== "") params.set(name, value);
  }
  const filter = (name: (typeof FILTERS)[number]) => params.get(name) ?? "";
  const filters: AccessLogFilters = { action: filter("action"), actor: filter("actor"), outcome: filter("outcome"), from: filter("from"), to: filter("to") };
  const filterQuery = new URLSearchParams([...params].filter(([name]) => name !== "cursor"));
  const exportHref = `/api/v1/access-log?${new URLSearchParams([...filterQuery, ["format", "csv"]])}`;
  const header = (
    <>
      <SettingsTabs current="/settings/access-log" />
      <PageHeader title="Access log" description={DESCRIPTION} />
      <AccessLogFilterForm filters={filters} />
      <div className="mb-3 flex gap-4 text-sm">
        <a href={exportHref} className="underline" data-testid="access-log-export" download>
          Export as CSV (up to 10,000 entries)
        </a>
        <a href="/settings/access-log?verify=1" className="underline" data-testid="access-log-verify" title="Recompute every entry's hash and link, oldest first">
          Verify the chain
        </a>
      </div>
    </>
  );
  let entries: AccessLogEntry[];
  let nextHref: string | null = null;
  // Only when asked: it reads the tenant's whole log.
  let verification: ChainVerification | null = null;
  try {
    const tenantId = await pageTenant("/settings/access-log", "admin");
    const query = parseAccessLogParams(params);
    const page = await listAccessLog(requireDb(), tenantId, query);
    entries = page.entries;
    if (raw.verify === "1") verification = await verifyAccessLog(requireDb(), tenantId);
    const last = entries.at(-1);
    if (page.more && last) nextHref = `/settings/access-log?${new URLSearchParams([...filterQuery, ["cursor", encodeAccessLogCursor(last.seq)]])}`;
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={header} error={error} fallback="The access log could not be loaded." />;
  }
  return (
    <>
      {header}
      {verification ? <VerificationResult verification={verification} /> : null}
      {entries.length === 0 ? (
        <EmptyState title="No entries" testId="access-log-empty">
          {params.size > 0 ? "Nothing matches these filters." : "Sign-ins, key, price and settings changes and exports will appear here."}
        </EmptyState>
      ) : (
        <AccessLogTable entries={entries} nextHref={nextHref} />
      )}
    </>
  );
}

const VERIFICATION_LOOK: Record<ChainVerification["status"], string> = {
  intact: "border-emerald-300 bg-emerald-50 text-emerald-900",
  empty: "border-slate-300 bg-slate-50 text-slate-700",
  broken: "border-red-300 bg-red-50 text-red-900",
};

/** What "Verify the chain" found: intact (how many entries, from where) or the first entry that does not hold. */
function VerificationResult({ verification }: { verification: ChainVerification }) {
  const title = verification.status === "broken" ? "The chain is broken" : verification.status === "intact" ? "The chain is intact" : "Nothing to verify";
  return (
    <p role="status" data-testid="access-log-verify-result" data-status={verification.status} className={`mb-4 rounded border px-3 py-2 text-sm ${VERIFICATION_LOOK[verification.status]}`}>
      <strong className="font-semibold">{title}:</strong> {verification.message}.
    </p>
  );
}
