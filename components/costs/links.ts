// Where the costs page links to; names and ids are encoded here once.

import { workloadHref } from "@/components/workloads/version-history/links";
import type { SpendDimension, SpendSeries } from "@/lib/costs/types";

export const PRICES_PATH = "/settings/prices";

export const runHref = (runId: string): string => `/runs/${encodeURIComponent(runId)}`;

/** A workload's page with one version highlighted (the page reads `?logicId=`). */
export const versionHref = (workload: string, logicId: string): string =>
  `${workloadHref(workload)}?logicId=${encodeURIComponent(logicId)}`;

/** Where a spend series row leads: its workload or version; nothing for models, deployments, "(none)" and "Other". */
export function seriesHref(series: SpendSeries, by: SpendDimension): string | null {
  if (!series.workload) return null;
  if (by === "workload") return workloadHref(series.workload);
  if (by === "version") return series.logicId ? versionHref(series.workload, series.logicId) : workloadHref(series.workload);
  return null;
}

/** The price settings form, pre-filled with the model (and its provider when the spans name one). */
export function addPriceHref(model: string, vendor: string | null): string {
  const provider = vendor ? `&provider=${encodeURIComponent(vendor)}` : "";
  return `${PRICES_PATH}?model=${encodeURIComponent(model)}${provider}`;
}
