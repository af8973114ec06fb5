"use client";

import { useMemo, useState } from "react";
import type { LedgerEvent } from "@/lib/runs/types";
import { HiddenForViewers } from "@/components/ui/hidden-content";

const MAX_ROWS = 1000;

interface Props {
  events: LedgerEvent[];
  selectedToken: string | null;
  onSelectToken: (tokenId: string | null) => void;
}

const EVENT_STYLE: Record<string, string> = {
  token_enqueued: "text-sky-700",
  token_dequeued: "text-slate-600",
  node_completed: "text-emerald-700",
  node_failed: "text-red-700 font-semibold",
  runtime_stopped: "text-amber-700",
};

/** The run's audit ledger in order, filterable by node and token; a token's lineage lights up in the DAG. */
export function LedgerTable({ events, selectedToken, onSelectToken }: Props) {
  const [node, setNode] = useState("");
  const [token, setToken] = useState("");
  const nodes = useMemo(() => {
    const names = new Set<string>();
    for (const event of events) for (const name of [event.sourceNode, event.targetNode]) if (name && name !== "__entry__") names.add(name);
    return [...names].sort();
  }, [events]);
  const shown = useMemo(() => {
    const needle = token.trim();
    return events.filter(
      (event) =>
        (!node || event.sourceNode === node || event.targetNode === node) &&
        (!needle || event.tokenId?.includes(needle) || event.parentTokenId?.includes(needle)),
    );
  }, [events, node, token]);

  if (events.length === 0) {
    return <p data-testid="ledger-empty" className="py-6 text-center text-sm text-slate-500">No audit events for this run. The Codon runtime sends them as OTLP log records (codon.audit.*).</p>;
  }
  return (
    <div>
      <div className="mb-2 flex flex-wrap items-end gap-3 text-xs">
        <label className="flex flex-col gap-1 font-medium text-slate-600">
          Node
          <select data-testid="ledger-filter-node" value={node} onChange={(e) => setNode(e.target.value)} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            <option value="">All nodes</option>
            {nodes.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 font-medium text-slate-600">
          Token
          <input data-testid="ledger-filter-token" type="search" value={token} onChange={(e) => setToken(e.target.value)} placeholder="token id…" className="w-56 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm" />
        </label>
        {selectedToken ? (
          <button type="button" data-testid="ledger-clear-lineage" onClick={() => onSelectToken(null)} className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-900">
            Lineage of {selectedToken.slice(0, 12)} shown in the graph — clear
          </button>
        ) : (
          <span className="text-slate-500">Select a token to see its path in the graph.</span>
        )}
        <span className="ml-auto text-slate-500" data-testid="ledger-count">
          {shown.length} of {events.length} events
        </span>
      </div>
      <div className="max-h-[480px] overflow-auto rounded-lg border border-slate-200 bg-white">
        <table data-testid="ledger-table" className="w-full text-left text-xs">
          <thead className="sticky top-0 bg-slate-100 uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-2 py-1.5">Time</th>
              <th className="px-2 py-1.5">Event</th>
              <th className="px-2 py-1.5">Token</th>
              <th className="px-2 py-1.5">From → to</th>
              <th className="px-2 py-1.5">Metadata</th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, MAX_ROWS).map((event) => (
              <tr key={event.id} data-testid="ledger-row" data-event-type={event.eventType} className={`border-t border-slate-100 ${event.tokenId && event.tokenId === selectedToken ? "bg-amber-50" : ""}`}>
                <td className="whitespace-nowrap px-2 py-1 font-mono text-slate-500" title={event.timestamp}>
                  {event.timestamp.slice(11, 23)}
                </td>
                <td className={`px-2 py-1 ${EVENT_STYLE[event.eventType] ?? "text-violet-700"}`}>{event.eventType}</td>
                <td className="px-2 py-1">
                  {event.tokenId ? (
                    <button
                      type="button"
                      data-testid="ledger-token"
                      aria-pressed={event.tokenId === selectedToken}
                      title={event.parentTokenId ? `parent ${event.parentTokenId}` : "no parent token"}
                      onClick={() => onSelectToken(event.tokenId === selectedToken ? null : event.tokenId)}
                      className="rounded px-1 font-mono text-sky-800 outline-none hover:bg-sky-50 focus-visible:ring-2 focus-visible:ring-sky-400"
                    >
                      {event.tokenId.slice(0, 12)}
                    </button>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td className="px-2 py-1">
                  {event.sourceNode ?? "—"} → {event.targetNode ?? "—"}
                </td>
                <td className="max-w-72 truncate px-2 py-1 font-mono text-slate-500" title={event.contentHidden ? undefined : JSON.stringify(event.metadata)}>
                  {event.contentHidden ? <HiddenForViewers inline /> : Object.keys(event.metadata).length ? JSON.stringify(event.metadata) : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length > MAX_ROWS ? <p className="px-2 py-2 text-xs text-slate-500">Showing the first {MAX_ROWS}; filter by node or token to narrow.</p> : null}
      </div>
    </div>
  );
}
