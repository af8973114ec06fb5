/** Margin around a run on its metrics link: enough steps either side to see what led up to it. */
export const RUN_MARGIN_MS = 5 * 60_000;

/** The Metrics page for one service over a fixed window (ISO times, so the link reads as dates). */
export function metricsHref({ service, fromMs, toMs }: { service: string; fromMs: number; toMs: number }): string {
  const params = new URLSearchParams({ service, from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });
  return `/metrics?${params.toString()}`;
}

/** A run's service's metrics from five minutes before it started to five after it ended; null when it named no service. */
export function runMetricsHref(run: { serviceName: string | null; startTime: string; endTime: string }): string | null {
  const start = Date.parse(run.startTime);
  const end = Date.parse(run.endTime);
  if (!run.serviceName || !Number.isFinite(start)) return null;
  return metricsHref({ service: run.serviceName, fromMs: start - RUN_MARGIN_MS, toMs: (Number.isFinite(end) ? Math.max(end, start) : start) + RUN_MARGIN_MS });
}
