"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback } from "react";

/** Edits a repeated parameter's values, applied to the query the change builds on (not to what the page showed). */
export type ListEdit = (current: string[]) => readonly string[];

/** A string sets its parameter; a list, or an edit of the list, repeats it (`score=…&score=…`); an empty value or list removes it. */
export type ParamChanges = Record<string, string | readonly string[] | ListEdit | null | undefined>;

/** `search` with `changes` applied. */
export function withParams(search: string, changes: ParamChanges): string {
  const next = new URLSearchParams(search);
  for (const [key, change] of Object.entries(changes)) {
    if (typeof change === "string" && change) {
      next.set(key, change);
      continue;
    }
    const values = typeof change === "function" ? change(next.getAll(key)) : Array.isArray(change) ? (change as readonly string[]) : [];
    next.delete(key);
    for (const value of values) if (value) next.append(key, value);
  }
  return next.toString();
}

/** The address of this page with `changes` applied to what it shows: a link to a state the URL keeps. */
export function useParamsHref(): (changes: ParamChanges) => string {
  const pathname = usePathname();
  const shown = useSearchParams().toString();
  return useCallback(
    (changes: ParamChanges) => {
      const text = withParams(shown, changes);
      return text ? `${pathname}?${text}` : pathname;
    },
    [pathname, shown],
  );
}

/**
 * Changes the page's query parameters in place (no new history entry, no scroll): view state that lives in
 * the URL. Through the History API, not `router.replace`: the server renders nothing for it (a router
 * navigation re-ran the page's server render, a run's whole DAG read, before the address changed, and a
 * click made while another navigation was pending could be lost). Next.js keeps `useSearchParams` in step
 * with `history.replaceState`. Each change builds on `window.location`, already updated by the one before,
 * so two changes in one event both land.
 */
export function useReplaceParams(): (changes: ParamChanges) => void {
  return useCallback((changes: ParamChanges) => {
    const { pathname, search, hash } = window.location;
    const text = withParams(search, changes);
    window.history.replaceState(null, "", `${pathname}${text ? `?${text}` : ""}${hash}`);
  }, []);
}
