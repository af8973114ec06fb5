"use client";

import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { withParams, type ParamChanges } from "@/components/ui/url-params";
import { parseMetricView, type MetricView } from "@/components/metrics/view";

/**
 * The view from the URL, and a way to change it. Each choice is a new history entry, so Back
 * returns to the previous chart; the native pushState keeps it a client-side change (Next.js
 * feeds it to useSearchParams) with no server round trip for the page.
 */
export function useMetricView(): [MetricView, (changes: ParamChanges) => void] {
  const params = useSearchParams();
  const view = useMemo(() => parseMetricView(params), [params]);
  const change = useCallback((changes: ParamChanges) => {
    const text = withParams(window.location.search, changes);
    window.history.pushState(null, "", text ? `${window.location.pathname}?${text}` : window.location.pathname);
  }, []);
  return [view, change];
}
