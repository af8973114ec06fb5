"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback } from "react";

export type ParamChanges = Record<string, string | null | undefined>;

/** `search` with `changes` applied: a value sets its parameter, an empty one removes it. */
export function withParams(search: string, changes: ParamChanges): string {
  const next = new URLSearchParams(search);
  for (const [key, value] of Object.entries(changes)) {
    if (value) next.set(key, value);
    else next.delete(key);
  }
  return next.toString();
}

/** Changes the page's query parameters in place (no new history entry, no scroll): view state that lives in the URL. */
export function useReplaceParams(): (changes: ParamChanges) => void {
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  return useCallback(
    (changes: ParamChanges) => {
      const text = withParams(searchParams.toString(), changes);
      router.replace(text ? `${pathname}?${text}` : pathname, { scroll: false });
    },
    [pathname, router, searchParams],
  );
}
