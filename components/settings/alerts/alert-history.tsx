"use client";

import { useQuery } from "@tanstack/react-query";
import type { AlertCondition, AlertEventPage } from "@/lib/alerts/types";
import { alertFigure } from "@/lib/alerts/describe";
import { fetchJson } from "@/components/ui/api-client";

const KIND_STYLE = { firing: "text-red-700", resolved: "text-emerald-700", test: "text-slate-600" } as const;

/** A rule's events, newest first, each with every delivery attempt: the history and the delivery log in one. */
export function AlertHistory({ ruleId, ruleName, condition }: { ruleId: string; ruleName: string; condition: AlertCondition }) {
  const events = useQuery({
    queryKey: ["alert-events", ruleId],
    queryFn: ({ signal }) => fetchJson<AlertEventPage>(`/api/v1/alert-rules/${ruleId}/events`, { signal }),
    refetchInterval: 5000,
  });
  return (
    <section aria-label={`History of ${ruleName}`} data-testid="alert-history" className="mt-3 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
      {events.isPending ? <p role="status">Loading the history…</p> : null}
      {events.isError ? <p role="alert" className="text-red-800">{events.error.message}</p> : null}
      {events.data && events.data.events.length === 0 ? <p data-testid="alert-history-empty" className="text-slate-500">Nothing yet: the rule has not fired, and no test was sent.</p> : null}
      <ol className="space-y-2">
        {events.data?.events.map((event) => (
          <li key={event.id} data-testid="alert-event" data-kind={event.kind} data-delivered={event.deliveredAt ? "true" : "false"}>
            <span className={`font-medium ${KIND_STYLE[event.kind]}`}>{event.kind}</span> <time dateTime={event.at}>{new Date(event.at).toISOString().replace("T", " ").slice(0, 19)} UTC</time>
            {event.value !== null ? <span className="text-slate-600"> · value {alertFigure(condition, event.value)}</span> : null}
            <span className="text-slate-600">
              {" "}
              · {event.deliveredAt ? "delivered" : event.nextAttemptAt ? `retrying (next ${new Date(event.nextAttemptAt).toISOString().slice(11, 19)} UTC)` : event.attempts > 0 ? "given up" : "queued"}
            </span>
            {event.deliveries.length > 0 ? (
              <ul className="mt-1 ml-4 list-disc text-xs text-slate-600">
                {event.deliveries.map((d) => (
                  <li key={d.attempt} data-testid="alert-delivery">
                    attempt {d.attempt}: {d.status === null ? "no answer" : `HTTP ${d.status}`} in {d.durationMs} ms{d.error ? ` — ${d.error}` : ""}
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
