"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect } from "react";

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

const MAX_PENDING = 16;

/**
 * The query strings asked for but not yet shown. `router.replace` commits in a transition, so until then
 * `useSearchParams` still returns the old URL; a second change made in that gap (clear the filters, then
 * search at once) must build on the first, not on the URL it is about to replace.
 */
export class PendingSearches {
  private pathname = "";
  private texts: string[] = [];

  /** What the next change should build on: the last one asked for here, else what the page shows. */
  base(pathname: string, shown: string): string {
    const last = pathname === this.pathname ? this.texts.at(-1) : undefined;
    return last ?? shown;
  }

  asked(pathname: string, text: string): void {
    if (pathname !== this.pathname) this.texts = [];
    this.pathname = pathname;
    this.texts.push(text);
    if (this.texts.length > MAX_PENDING) this.texts.shift();
  }

  /** The page now shows `text`: what was asked up to it is done; a URL nobody here asked for (back, a link) ends them all. */
  shown(pathname: string, text: string): void {
    const index = pathname === this.pathname ? this.texts.indexOf(text) : -1;
    this.texts = index < 0 ? [] : this.texts.slice(index + 1);
  }
}

// One per page: every component that edits the URL shares it.
const pending = new PendingSearches();

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

/** Changes the page's query parameters in place (no new history entry, no scroll): view state that lives in the URL. */
export function useReplaceParams(): (changes: ParamChanges) => void {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const shown = searchParams.toString();
  useEffect(() => pending.shown(pathname, shown), [pathname, shown]);
  return useCallback(
    (changes: ParamChanges) => {
      const text = withParams(pending.base(pathname, shown), changes);
      pending.asked(pathname, text);
      router.replace(text ? `${pathname}?${text}` : pathname, { scroll: false });
    },
    [pathname, router, shown],
  );
}
