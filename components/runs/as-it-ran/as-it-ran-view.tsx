"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { memo, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { preload } from "react-dom";
import { EmptyState, ErrorPanel } from "@/components/empty-state";
import type { Activation, AsRanFoldedGraph, AsRanSegmentPage } from "@/lib/runs/as-it-ran/types";
import { missingPages, NOTHING_OPEN, openChain, SEGMENT_PAGE, tokenInto, visibleGraph, widen, windowAround, type OpenChains, type SegmentPart, type SegmentWindow } from "@/lib/runs/as-it-ran/visible";
import { asRanKey, asRanUrl, cachedSegmentPage, fetchAsRan, fetchSegmentPage, fetchSpanPlace, seedSegmentPages, spanPlaceKey } from "@/components/runs/as-it-ran/api";
import { AsRanCanvas } from "@/components/runs/as-it-ran/as-ran-canvas";
import { AsRanLegend } from "@/components/runs/as-it-ran/as-ran-legend";
import { timed } from "@/components/runs/as-it-ran/timed";
import { afterNextPaint } from "@/components/ui/after-paint";

export interface AsItRanViewProps {
  runId: string;
  /** The selected activation's span id (the run page's `?span=`). */
  selectedSpanId: string | null;
  /** An activation clicked: the page selects its node, span and the token it took. */
  onSelectActivation: (activation: Activation | null, tokenId: string | null) => void;
  height: number;
}

/** The run as it ran: the folded graph fetched once per run (refreshed with the run's other views), a chain's steps a page at a time as it opens. */
export const AsItRanView = memo(function AsItRanView({ runId, selectedSpanId, onSelectActivation, height }: AsItRanViewProps) {
  // Opened from a link: the server's HTML asks for the graph at once, not after hydration (the
  // query's fetch then takes that answer). Only there: in the browser it would fetch a second time.
  if (typeof window === "undefined") preload(asRanUrl(runId), { as: "fetch", crossOrigin: "anonymous" });
  const query = useQuery({ queryKey: asRanKey(runId), queryFn: ({ signal }) => fetchAsRan(runId, signal) });
  if (query.isError) return <ErrorPanel message={`The as-it-ran graph could not be loaded: ${query.error.message}`} />;
  if (!query.data) {
    // The legend below it too: what follows (the run's tabs) stays put when the graph draws.
    return (
      <div>
        <p role="status" data-testid="as-ran-loading" className="flex items-center justify-center text-sm text-slate-500" style={{ height }}>
          Loading the as-it-ran graph…
        </p>
        <AsRanLegend className="border-t border-slate-200 px-4 py-2" />
      </div>
    );
  }
  if (query.data.drawnActivations === 0) {
    return (
      <EmptyState title="No activations recorded for this run yet" testId="as-ran-empty">
        Each node span is an activation; they appear here as the run&apos;s spans arrive.
      </EmptyState>
    );
  }
  return <Loaded runId={runId} graph={query.data} selectedSpanId={selectedSpanId} onSelectActivation={onSelectActivation} height={height} />;
});

/** Chains whose first page is fetched (when it did not come with the graph) as soon as it is drawn, so opening one needs no round trip. */
const PREFETCH_SEGMENTS = 24;

function Loaded({ runId, graph, selectedSpanId, onSelectActivation, height }: AsItRanViewProps & { graph: AsRanFoldedGraph }) {
  const client = useQueryClient();
  // Per segment, the part shown one activation at a time (UI state: absent = folded), and the steps held for it.
  const [chains, setChains] = useState<OpenChains>(NOTHING_OPEN);
  const { windows, held } = chains;
  const segments = useMemo(() => new Map(graph.segments.map((s) => [s.id, s])), [graph]);
  // What is known of each activation drawn or fetched: O(fetched) per page, never the whole run.
  const index = useMemo(() => {
    const byId = new Map<string, Activation>();
    // Each segment activation's place in its chain.
    const position = new Map<string, number>();
    const tokens = tokenInto(graph.edges);
    for (const a of graph.activations) byId.set(a.id, a);
    for (const s of graph.segments) {
      byId.set(s.first.id, s.first).set(s.last.id, s.last);
      position.set(s.first.id, 0).set(s.last.id, s.steps - 1);
    }
    for (const steps of held.values()) {
      for (const [p, a] of steps.at) {
        byId.set(a.id, a);
        position.set(a.id, p);
      }
      for (const e of steps.into.values()) if (e.tokenId !== null && !tokens.has(e.target)) tokens.set(e.target, e.tokenId);
    }
    const bySpan = new Map<string, Activation>();
    for (const a of byId.values()) if (a.spanId !== null) bySpan.set(a.spanId, a);
    return { byId, bySpan, position, tokens };
  }, [graph, held]);

  /** Opens `segment` to `window`: at once when its pages are cached, else once they arrive. */
  const open = useCallback(
    (segmentId: string, window: SegmentWindow) => {
      const segment = segments.get(segmentId);
      if (!segment) return;
      const apply = (pages: AsRanSegmentPage[]) => setChains((prev) => openChain(prev, segmentId, window, pages));
      const wanted = missingPages(window, segment.steps, held.get(segmentId));
      const cached = wanted.map((offset) => cachedSegmentPage(client, runId, segmentId, segment.steps, offset));
      if (cached.every((page) => page !== undefined)) return apply(cached as AsRanSegmentPage[]);
      void Promise.all(wanted.map((offset) => fetchSegmentPage(client, runId, segmentId, segment.steps, offset))).then(apply, () => undefined);
    },
    [client, runId, segments, held],
  );

  // Once drawn: the first page of the first chains, then, as windows open, the page each side of them.
  useEffect(() => {
    seedSegmentPages(client, runId, graph.firstPages);
    for (const s of graph.segments.slice(0, PREFETCH_SEGMENTS)) void fetchSegmentPage(client, runId, s.id, s.steps, 0).catch(() => undefined);
  }, [client, runId, graph]);
  // After the next paint: React runs this effect inside a click's own task, and starting requests
  // there held back the paint that shows the click (~4 ms of fetch() in a profile).
  useEffect(
    () =>
      afterNextPaint(() => {
        for (const [id, w] of windows) {
          const segment = segments.get(id);
          if (!segment) continue;
          const next = { from: Math.max(0, w.from - SEGMENT_PAGE), to: Math.min(segment.steps, w.to + SEGMENT_PAGE) };
          for (const offset of missingPages(next, segment.steps, held.get(id))) void fetchSegmentPage(client, runId, id, segment.steps, offset).catch(() => undefined);
        }
      }),
    [client, runId, segments, windows, held],
  );

  // A selection not drawn (from the timeline or a link): ask where it is, and open a page of its chain around it.
  const selected = selectedSpanId ? (index.bySpan.get(selectedSpanId) ?? null) : null;
  const place = useQuery({
    queryKey: spanPlaceKey(runId, selectedSpanId ?? ""),
    queryFn: ({ signal }) => fetchSpanPlace(runId, selectedSpanId!, signal),
    enabled: selectedSpanId !== null && selected === null,
    staleTime: Infinity,
    retry: false,
  });
  // Once per selected span: its chain opens around it (a later "Collapse chains" stays collapsed).
  const revealed = useRef<string | null>(null);
  useEffect(() => {
    if (selectedSpanId === null || revealed.current === selectedSpanId) return;
    const target = selected ? { segmentId: selected.segmentId, position: index.position.get(selected.id) } : place.data;
    if (!target && !place.isError) return;
    revealed.current = selectedSpanId;
    const segment = target?.segmentId ? segments.get(target.segmentId) : undefined;
    if (!segment || target?.position === undefined) return;
    const current = windows.get(segment.id);
    const next = windowAround(target.position, segment.steps, current);
    if (next !== current || missingPages(next, segment.steps, held.get(segment.id)).length > 0) open(segment.id, next);
  }, [selectedSpanId, selected, place.data, place.isError, index, segments, windows, held, open]);
  const selectedId = selected?.id ?? null;

  const visible = useMemo(() => timed("as-ran:visible", () => visibleGraph(graph, windows, held)), [graph, windows, held]);
  const parts = useMemo(() => new Map(visible.items.flatMap((item) => (item.kind === "segment" ? [[item.id, item] as const] : []))), [visible]);

  const latest = useRef({ index, parts, windows, open, onSelectActivation });
  useEffect(() => {
    latest.current = { index, parts, windows, open, onSelectActivation };
  }, [index, parts, windows, open, onSelectActivation]);
  const onSelect = useCallback((id: string | null) => {
    const { index, parts, windows, open, onSelectActivation } = latest.current;
    const part: SegmentPart | undefined = id === null ? undefined : parts.get(id);
    if (part) return open(part.segment.id, widen(part, windows.get(part.segment.id)));
    const activation = id === null ? null : (index.byId.get(id) ?? null);
    onSelectActivation(activation, activation ? (index.tokens.get(activation.id) ?? null) : null);
  }, []);

  return (
    <div data-testid="as-ran-view" data-activations={graph.drawnActivations} data-segments={graph.segments.length} data-drawn-cards={visible.items.length}>
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
              onClick={() => setChains(NOTHING_OPEN)}
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
          {graph.omittedActivations.toLocaleString("en-US")} activations omitted: the graph draws the first {graph.drawnActivations.toLocaleString("en-US")} by start; the timeline has every span.
        </p>
      ) : null}
      <AsRanLegend className="border-t border-slate-200 px-4 py-2" />
    </div>
  );
}
