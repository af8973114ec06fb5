// Server side of the `?window=` view state: the pages read with the API's own `from=` parser, so
// a page and /api/v1/workloads* count the same runs.

import { parseWindow, type TimeWindow } from "@/lib/http/params";
import { windowFrom, type WindowKey } from "@/components/workloads/window";

/** The query window for a window key, `nowMs` being when the page is rendered. */
export function timeWindowFor(key: WindowKey, nowMs = Date.now()): TimeWindow {
  const from = windowFrom(key);
  return from ? parseWindow(new URLSearchParams({ from }), nowMs) : {};
}
