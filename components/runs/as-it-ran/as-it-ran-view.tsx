"use client";
import { useQuery } from "@tanstack/react-query";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { preload } from "react-dom";
import { EmptyState, ErrorPanel } from "@/components/empty-state";
import type { Activation, AsRanGraph } from "@/lib/runs/as-it-ran/types";
import { indexSegments, SEGMENT_PAGE, tokenInto, visibleGraph, widen, windowAround, type SegmentPart, type SegmentWindow } from "@/lib/runs/as-it-ran/visible";
import { asRanKey, asRanUrl, fetchAsRan } from "@/components/runs/as-it-ran/api";
import { AsRanCanvas } from "@/components/runs/as-it-ran/as-ran-canvas";
import { AsRanLegend } from "@/components/runs/as-it-ran/as-ran-legend";
import { timed } from "@/components/runs/as-it-ran/timed";

export interface AsItRanViewProps {
  runId: string;
  /** The selected activation's span id (the run page's `?span=`). */
  selectedSpanId: string | null;
  /** An activation clicked: the page selects its node, span and the token it took. */
  onSelectActivation: (activation: Activation | null, tokenId: string | null) => void;
  height: number;
}

/** The run as it ran: fetched once per run (refreshed with the run's other views), chains collapsed until expanded. */
export const AsItRanView = memo(function AsItRanView({ runId, selectedSpanId, onSelectActivation, height }: AsItRanViewProps) {
  // Opened from a link: the server's HTML asks for the graph at once, not after hydration (the
  // query's fetch then takes that answer). Only there: in the browser it would fetch a second time.
  if (typeof window === "undefined") preload(asRanUrl(runId), { as: "fetch", crossOrigin: "anonymous" });
  const query = useQuery({ queryKey: asRanKey(runId), queryFn: ({ signal }) => fetchAsRan(runId, signal) });
  if (query.isError) return <ErrorPanel message={`The as-it-ran graph could not be loaded: ${query.error.message}`} />;
  if (!query.data) {
    return (
      <p role="status" data-testid="as-ran-loading" className="flex items-center justify-center text-sm text-slate-500" style={{ height }}>
        Loading the as-it-ran graph…
      </p>
    );
  }
  if (query.data.activations.length === 0) {
    return (
      <EmptyState title="No activations recorded for this run yet" testId="as-ran-empty">
        Each node span is an activation; they appear here as the run&apos;s spans arrive.
      </EmptyState>
    );
  }
  return <Loaded graph={query.data} selectedSpanId={selectedSpanId} onSelectActivation={onSelectActivation} height={height} />;
});

function Loaded({ graph, selectedSpanId, onSelectActivation, height }: Omit<AsItRanViewProps, "runId"> & { graph: AsRanGraph }) {
  // Per segment, the part shown one activation at a time (UI state: absent = folded).
  const [windows, setWindows] = useState<ReadonlyMap<string, SegmentWindow>>(() => new Map());
  // Indexes built once per graph: a click or a URL change looks up, never scans.
  const index = useMemo(() => {
    const bySpan = new Map<string, Activation>();
    const byId = new Map<string, Activation>();
    for (const a of graph.activations) {
      byId.set(a.id, a);
      if (a.spanId !== null) bySpan.set(a.spanId, a);
    }
    return { bySpan, byId, tokens: tokenInto(graph.edges), segments: indexSegments(graph) };
  }, [graph]);
  const selected = selectedSpanId ? (index.bySpan.get(selectedSpanId) ?? null) : null;
  // A selection inside a folded part of a chain (from the timeline or a link) opens a page around it.
  const selectedId = selected?.id ?? null;
  const selectedSegment = selected?.segmentId ?? null;
  useEffect(() => {
    const segment = selectedSegment === null ? undefined : index.segments.byId.get(selectedSegment);
    if (!segment || selectedId === null) return;
    const at = index.segments.position.get(selectedId) ?? 0;
    setWindows((prev) => {
      const next = windowAround(at, segment.steps, prev.get(segment.id));
      return next === prev.get(segment.id) ? prev : new Map(prev).set(segment.id, next);
    });
  }, [selectedId, selectedSegment, index]);
  const visible = useMemo(() => timed("as-ran:visible", () => visibleGraph(graph, windows, index.segments)), [graph, windows, index]);
  const parts = useMemo(() => new Map(visible.items.flatMap((item) => (item.kind === "segment" ? [[item.id, item] as const] : []))), [visible]);

  const latest = useRef({ index, parts, onSelectActivation });
  useEffect(() => {
    latest.current = { index, parts, onSelectActivation };
  }, [index, parts, onSelectActivation]);
  const onSelect = useCallback((id: string | null) => {
    const { index, parts, onSelectActivation } = latest.current;
    const part: SegmentPart | undefined = id === null ? undefined : parts.get(id);
    if (part) {
      setWindows((prev) => new Map(prev).set(part.segment.id, widen(part, prev.get(part.segment.id))));
      return;
    }
    const activation = id === null ? null : (index.byId.get(id) ?? null);
    onSelectActivation(activation, activation ? (index.tokens.get(activation.id) ?? null) : null);
  }, []);

  return (
    <div data-testid="as-ran-view" data-activations={graph.activations.length} data-segments={graph.segments.length}>
      {graph.segments.length > 0 ? (
        <div className="flex items-center gap-3 border-b border-slate-100 px-3 py-1.5 text-xs text-slate-600">
          <span>
            {graph.segments.length.toLocaleString("en-US")} long {graph.segments.length === 1 ? "chain" : "chains"} folded; click or press Enter on one to show its next{" "}
            {SEGMENT_PAGE} steps.
          </span>
          {windows.size > 0 ? (
            <button
              type="button"
              data-testid="as-ran-collapse-all"
              onClick={() => setWindows(new Map())}
              className="ml-auto rounded-md border border-slate-300 px-2 py-0.5 text-slate-700 outline-none hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400"
            >
              Collapse chains
            </button>
          ) : null}
        </div>
      ) : null}
      <AsRanCanvas visible={visible} selectedId={selectedId} onSelect={onSelect} height={height} />
      {graph.omittedActivations > 0 ? (
        <p data-testid="as-ran-omitted" className="border-t border-slate-100 px-3 py-1.5 text-xs text-slate-500">
          {graph.omittedActivations.toLocaleString("en-US")} activations omitted: the graph draws the first {graph.activations.length.toLocaleString("en-US")} by start; the timeline has every span.
        </p>
      ) : null}
      <AsRanLegend className="border-t border-slate-200 px-4 py-2" />
    </div>
  );
}
