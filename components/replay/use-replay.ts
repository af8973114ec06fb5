"use client";
// Replay on the run page: a store for the session, its step mirrored in the URL, its keyboard.
import { useEffect, useMemo } from "react";
import { parseReplayStep } from "@/lib/runs/replay/position";
import type { LedgerEvent } from "@/lib/runs/types";
import { withParams } from "@/components/ui/url-params";
import { keyFocusOf, replayKeyAction } from "@/components/replay/keys";
import { ReplayStore } from "@/components/replay/replay-store";

/**
 * Puts the step in the URL in place: no history entry, and no server round trip (Next.js keeps
 * `useSearchParams` in step with `history.replaceState`), so writing while playing costs nothing.
 */
function writeStep(step: number): void {
  const { pathname, search } = window.location;
  const current = new URLSearchParams(search);
  // Replay was closed meanwhile, or the URL already says so.
  if (!current.has("replay") || current.get("replay") === String(step)) return;
  window.history.replaceState(null, "", `${pathname}?${withParams(search, { replay: String(step) })}`);
}

/** The session while `?replay=` is in the URL (null otherwise); it opens at that step. */
export function useReplay(events: readonly LedgerEvent[] | undefined, param: string | null): ReplayStore | null {
  const open = param !== null;
  // One store per opening. The URL's step is read when it opens (not a dependency): from then on
  // the store leads and the URL follows.
  const store = useMemo(() => (open ? new ReplayStore(parseReplayStep(param) ?? 1, writeStep) : null), [open]);
  useEffect(() => (store ? () => store.dispose() : undefined), [store]);
  useEffect(() => store?.setEvents(events), [store, events]);
  useEffect(() => store?.reconcile(parseReplayStep(param)), [store, param]);
  useReplayKeys(store);
  return store;
}

function useReplayKeys(store: ReplayStore | null): void {
  useEffect(() => {
    if (!store) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      const action = replayKeyAction(event.key, keyFocusOf(event.target instanceof Element ? event.target : null));
      if (!action || store.getSnapshot().status !== "ready") return;
      // Also keeps Space from scrolling and the scrubber from moving on its own.
      event.preventDefault();
      if (action === "toggle") store.toggle();
      else if (action === "back") store.stepBy(-1);
      else if (action === "forward") store.stepBy(1);
      else if (action === "start") store.toStart();
      else store.toEnd();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [store]);
}
