import { unstable_rethrow } from "next/navigation";
import { EmptyState, LoadFailed, PageHeader } from "@/components/empty-state";
import { AccessLogFilterForm, AccessLogTable, type AccessLogFilters } from "@/components/settings/access-log/access-log-table";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import type { AccessLogEntry } from "@/lib/access-log/entry";
import { encodeAccessLogCursor, parseAccessLogParams } from "@/lib/access-log/params";
import { listAccessLog } from "@/lib/access-log/queries/access-log";
import { pageTenant } from "@/lib/auth/page-tenant";
import { requireDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
export const metadata = { title: "Access log" };

const DESCRIPTION =
  "Who signed in (and who was refused), created or revoked keys, changed prices, alert rules, redaction or retention, and exported run data or this log. Append-only and hash-chained per tenant; kept at least a year.";

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
      <a href={exportHref} className="mb-3 inline-block text-sm underline" data-testid="access-log-export" download>
        Export as CSV (up to 10,000 entries)
      </a>
    </>
  );
  let entries: AccessLogEntry[];
  let nextHref: string | null = null;
  try {
    const tenantId = await pageTenant("/settings/access-log", "admin");
    const query = parseAccessLogParams(params);
    const page = await listAccessLog(requireDb(), tenantId, query);
    entries = page.entries;
    const last = entries.at(-1);
    if (page.more && last) nextHref = `/settings/access-log?${new URLSearchParams([...filterQuery, ["cursor", encodeAccessLogCursor(last.seq)]])}`;
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={header} error={error} fallback="The access log could not be loaded." />;
  }
  return (
    <>
      {header}
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
