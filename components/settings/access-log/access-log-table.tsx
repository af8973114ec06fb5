import Link from "next/link";
import { ACCESS_ACTIONS, ACCESS_OUTCOMES, type AccessLogEntry } from "@/lib/access-log/entry";

// Settings → Access log: a plain GET form, so the filters live in the URL (shareable, back button)
// and work from the keyboard without any script.

export interface AccessLogFilters {
  action: string;
  actor: string;
  outcome: string;
  from: string;
  to: string;
}

const INPUT = "rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800 outline-none focus-visible:ring-2 focus-visible:ring-sky-400";

/** A select of one filter: "any", then each value it takes. */
function ChoiceFilter({ label, name, value, choices }: { label: string; name: string; value: string; choices: readonly string[] }) {
  return (
    <label className="flex flex-col text-xs">
      {label}
      <select name={name} defaultValue={value} className={INPUT} data-testid={`access-log-${name}`}>
        <option value="">any</option>
        {choices.map((choice) => (
          <option key={choice} value={choice}>
            {choice}
          </option>
        ))}
      </select>
    </label>
  );
}

export function AccessLogFilterForm({ filters }: { filters: AccessLogFilters }) {
  return (
    <form method="get" action="/settings/access-log" className="mb-4 flex flex-wrap items-end gap-3" data-testid="access-log-filters">
      <ChoiceFilter label="Action" name="action" value={filters.action} choices={ACCESS_ACTIONS} />
      <ChoiceFilter label="Outcome" name="outcome" value={filters.outcome} choices={ACCESS_OUTCOMES} />
      <label className="flex flex-col text-xs">
        Actor (key id or prefix)
        <input name="actor" defaultValue={filters.actor} className={INPUT} placeholder="cok_ab12cd" data-testid="access-log-actor" />
      </label>
      <label className="flex flex-col text-xs">
        From
        <input name="from" defaultValue={filters.from} className={INPUT} placeholder="7d or 2026-12-01" />
      </label>
      <label className="flex flex-col text-xs">
        To
        <input name="to" defaultValue={filters.to} className={INPUT} placeholder="2026-12-31" />
      </label>
      <button type="submit" className="rounded bg-slate-800 px-3 py-1 text-sm text-white outline-none hover:bg-slate-700 focus-visible:ring-2 focus-visible:ring-sky-400" data-testid="access-log-apply">
        Apply
      </button>
    </form>
  );
}

function actorOf(entry: AccessLogEntry): string {
  if (entry.actor.kind === "anonymous") return entry.actor.label ?? "anonymous";
  if (entry.actor.kind === "cli") return `${entry.actor.label ?? "npm run"} (command line)`;
  return `${entry.actor.label ?? `key ${entry.actor.keyId}`} (${entry.actor.kind})`;
}
const detailsOf = (entry: AccessLogEntry) =>
  Object.entries(entry.details)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(", ");

export function AccessLogTable({ entries, nextHref }: { entries: AccessLogEntry[]; nextHref: string | null }) {
  return (
    <>
      <table className="w-full text-left text-sm" data-testid="access-log-table">
        <caption className="sr-only">Access log entries, newest first</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col" className="py-1 pr-3">When (UTC)</th>
            <th scope="col" className="py-1 pr-3">Action</th>
            <th scope="col" className="py-1 pr-3">Outcome</th>
            <th scope="col" className="py-1 pr-3">Actor</th>
            <th scope="col" className="py-1 pr-3">Target</th>
            <th scope="col" className="py-1 pr-3">Client</th>
            <th scope="col" className="py-1">Details</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq} className="border-t border-slate-200 align-top" data-testid="access-log-row">
              <td className="py-1 pr-3 font-mono text-xs">{entry.occurredAt.replace("T", " ").slice(0, 19)}</td>
              <td className="py-1 pr-3 font-mono text-xs" data-testid="access-log-row-action">{entry.action}</td>
              <td className="py-1 pr-3" data-testid="access-log-row-outcome">{entry.outcome}</td>
              <td className="py-1 pr-3 font-mono text-xs">{actorOf(entry)}</td>
              <td className="py-1 pr-3 font-mono text-xs">{entry.target.kind ? `${entry.target.kind} ${entry.target.id ?? ""}` : ""}</td>
              <td className="py-1 pr-3 text-xs" title={entry.userAgent ?? undefined}>{entry.clientIp ?? ""}</td>
              <td className="py-1 text-xs break-all">{detailsOf(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {nextHref ? (
        <Link href={nextHref} className="mt-3 inline-block text-sm underline" data-testid="access-log-next">
          Older entries
        </Link>
      ) : null}
    </>
  );
}
