import { useCallback, useEffect, useLayoutEffect, useRef, useState, type Dispatch, type SetStateAction } from "react";
import { ancestorKeys, type TimelineRow } from "@/lib/runs/timeline/rows";
import type { SpanSummary } from "@/lib/runs/types";

interface Options {
  /** Every row, collapsed or not. */
  rows: readonly TimelineRow[];
  /** Position of each visible row. */
  indexByKey: ReadonlyMap<string, number>;
  /** Controlled when defined (null: nothing selected); otherwise the timeline keeps its own. */
  selectedSpanKey: string | null | undefined;
  onSelectSpan?: (span: SpanSummary) => void;
  setCollapsed: Dispatch<SetStateAction<ReadonlySet<string>>>;
  scrollToIndex: (index: number) => void;
}

/**
 * The committed selection (what the page shows in its inspector) and the keyboard cursor, which
 * arrows move and Enter commits. A selection made elsewhere moves the cursor, expands whatever
 * hides that span and scrolls it into view.
 */
export function useTimelineSelection({ rows, indexByKey, selectedSpanKey, onSelectSpan, setCollapsed, scrollToIndex }: Options) {
  const [localSelected, setLocalSelected] = useState<string | null>(null);
  const selected = selectedSpanKey !== undefined ? selectedSpanKey : localSelected;
  const [activeKey, setActiveKey] = useState<string | null>(selected);

  const latest = useRef({ rows, indexByKey, onSelectSpan });
  useLayoutEffect(() => {
    latest.current = { rows, indexByKey, onSelectSpan };
  });

  const pendingScroll = useRef<string | null>(null);
  useEffect(() => {
    if (!selected) return;
    setActiveKey(selected);
    pendingScroll.current = selected;
    if (latest.current.indexByKey.has(selected)) return;
    const hiding = new Set(ancestorKeys(latest.current.rows, selected));
    setCollapsed((prev) => ([...hiding].some((key) => prev.has(key)) ? new Set([...prev].filter((key) => !hiding.has(key))) : prev));
  }, [selected, setCollapsed]);

  useEffect(() => {
    const key = pendingScroll.current;
    const index = key === null ? undefined : indexByKey.get(key);
    if (index === undefined) return;
    pendingScroll.current = null;
    scrollToIndex(index);
  }, [indexByKey, selected, scrollToIndex]);

  const commit = useCallback((row: TimelineRow) => {
    setActiveKey(row.key);
    setLocalSelected(row.key);
    latest.current.onSelectSpan?.(row.span);
  }, []);

  return { selected, activeKey, setActiveKey, commit };
}
