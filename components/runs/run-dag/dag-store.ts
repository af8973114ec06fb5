"use client";
// Selection, lineage highlight and the replay's active node for the DAG nodes, outside React Flow's
// node array: a change notifies only the nodes whose state flipped, so a click (or a replay step)
// costs O(1) renders, not O(n).
import { createContext, useCallback, useContext, useSyncExternalStore } from "react";

const NONE: ReadonlySet<string> = new Set();

export class DagViewStore {
  private selected: string | null;
  private highlighted: ReadonlySet<string>;
  private active: string | null = null;
  private readonly listeners = new Map<string, Set<() => void>>();
  /** The latest onSelectNode from props, so nodes can select themselves from the keyboard. */
  onSelect: (id: string | null) => void;
  /** Draws the nodes of a folded chain (its segment card's click or Enter). */
  onExpand: (segmentId: string) => void = () => {};

  constructor(selected: string | null, highlighted: ReadonlySet<string> | null, onSelect: (id: string | null) => void) {
    this.selected = selected;
    this.highlighted = highlighted ?? NONE;
    this.onSelect = onSelect;
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }

  isSelected(id: string): boolean {
    return this.selected === id;
  }

  isHighlighted(id: string): boolean {
    return this.highlighted.has(id);
  }

  /** The node a replay step is about. */
  isActive(id: string): boolean {
    return this.active === id;
  }

  setActive(id: string | null) {
    if (id === this.active) return;
    const prev = this.active;
    this.active = id;
    if (prev !== null) this.emit(prev);
    if (id !== null) this.emit(id);
  }

  setSelected(id: string | null) {
    if (id === this.selected) return;
    const prev = this.selected;
    this.selected = id;
    if (prev !== null) this.emit(prev);
    if (id !== null) this.emit(id);
  }

  setHighlighted(ids: ReadonlySet<string> | null | undefined) {
    const next = ids ?? NONE;
    const prev = this.highlighted;
    if (next === prev) return;
    this.highlighted = next;
    for (const id of prev) if (!next.has(id)) this.emit(id);
    for (const id of next) if (!prev.has(id)) this.emit(id);
  }

  private emit(id: string) {
    this.listeners.get(id)?.forEach((listener) => listener());
  }
}

export const DagViewStoreContext = createContext<DagViewStore | null>(null);

export function useDagViewStore(): DagViewStore {
  const store = useContext(DagViewStoreContext);
  if (!store) throw new Error("DAG nodes must render inside RunDagView");
  return store;
}

/** Whether this node is selected / highlighted / the replay's active node; re-renders only when that flips. */
export function useDagNodeState(id: string): { selected: boolean; highlighted: boolean; active: boolean } {
  const store = useDagViewStore();
  const subscribe = useCallback((listener: () => void) => store.subscribe(id, listener), [store, id]);
  const selected = useSyncExternalStore(subscribe, () => store.isSelected(id), () => store.isSelected(id));
  const highlighted = useSyncExternalStore(subscribe, () => store.isHighlighted(id), () => store.isHighlighted(id));
  const active = useSyncExternalStore(subscribe, () => store.isActive(id), () => store.isActive(id));
  return { selected, highlighted, active };
}
