"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import type { MetricSummary } from "@/lib/metrics/types";
import { metricApi, metricKeys, retryUnlessRefused } from "@/components/metrics/api";
import { kindLabel, unitText } from "@/components/metrics/format";

interface Props {
  service: string | null;
  selected: { service: string | null; name: string | null };
  onSelect: (metric: MetricSummary) => void;
}

const isSelected = (metric: MetricSummary, selected: Props["selected"]) =>
  metric.name === selected.name && (selected.service === null || metric.service === selected.service);

/** The service's metrics (every service's when none is chosen), each a button that charts it. */
export function MetricList({ service, selected, onSelect }: Props) {
  const list = useInfiniteQuery({
    queryKey: metricKeys.list(service),
    queryFn: ({ pageParam, signal }) => metricApi.list(service, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    retry: retryUnlessRefused,
  });
  const metrics = useMemo(() => list.data?.pages.flatMap((page) => page.metrics) ?? [], [list.data]);

  if (list.isError) {
    return (
      <p role="alert" className="text-sm text-red-700">
        The metrics could not be loaded: {list.error.message}
      </p>
    );
  }
  if (list.isPending) return <p role="status" className="text-sm text-slate-500">Loading the metrics…</p>;
  if (metrics.length === 0) {
    return (
      <p data-testid="metrics-list-empty" className="text-sm text-slate-500">
        {service ? `No metrics from ${service} yet.` : "No metrics yet."}
      </p>
    );
  }
  return (
    <nav aria-label="Metrics">
      <ul className="flex flex-col gap-1" data-testid="metrics-list">
        {metrics.map((metric) => (
          <li key={`${metric.service ?? ""}\u0000${metric.name}`}>
            <MetricItem metric={metric} showService={service === null} selected={isSelected(metric, selected)} onSelect={onSelect} />
          </li>
        ))}
      </ul>
      {list.hasNextPage ? (
        <button type="button" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage} className="mt-2 rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400">
          {list.isFetchingNextPage ? "Loading…" : "More metrics"}
        </button>
      ) : null}
    </nav>
  );
}

function MetricItem({ metric, showService, selected, onSelect }: { metric: MetricSummary; showService: boolean; selected: boolean; onSelect: (metric: MetricSummary) => void }) {
  const unit = unitText(metric.unit);
  return (
    <button
      type="button"
      data-testid="metric-item"
      data-metric={metric.name}
      aria-pressed={selected}
      onClick={() => onSelect(metric)}
      className={`w-full rounded-md border px-3 py-2 text-left outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${
        selected ? "border-slate-800 bg-slate-800 text-white" : "border-slate-200 bg-white hover:bg-slate-50"
      }`}
    >
      <span className="block break-all font-mono text-sm">{metric.name}</span>
      <span className={`block text-xs ${selected ? "text-slate-200" : "text-slate-500"}`}>
        {kindLabel(metric)}
        {unit ? ` · ${unit}` : ""}
        {showService && metric.service ? ` · ${metric.service}` : ""}
      </span>
      {metric.description ? <span className={`mt-0.5 block text-xs ${selected ? "text-slate-300" : "text-slate-600"}`}>{metric.description}</span> : null}
    </button>
  );
}
