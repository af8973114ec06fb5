import { fetchJson } from "@/components/runs/api";
import type { RunComparison, VersionComparison, VersionList, WorkloadList, WorkloadTrend } from "@/lib/workloads/types";

const enc = encodeURIComponent;
const query = (params: Record<string, string | undefined>) => {
  const search = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const text = search.toString();
  return text ? `?${text}` : "";
};

export const workloadKeys = {
  list: (from?: string) => ["workloads", from ?? "all"] as const,
  versions: (name: string, from?: string) => ["workload", name, "versions", from ?? "all"] as const,
  trend: (name: string, from?: string) => ["workload", name, "trend", from ?? "all"] as const,
  compare: (name: string, a: string, b: string) => ["workload", name, "compare", a, b] as const,
  runCompare: (a: string, b: string) => ["runs", "compare", a, b] as const,
};

/** Client-side reads of the workloads API (pages render server-side first; these refresh). */
export const workloadApi = {
  list: (from?: string, signal?: AbortSignal) => fetchJson<WorkloadList>(`/api/v1/workloads${query({ from })}`, signal),
  versions: (name: string, from?: string, signal?: AbortSignal) =>
    fetchJson<VersionList>(`/api/v1/workloads/${enc(name)}/versions${query({ from })}`, signal),
  trend: (name: string, from?: string, signal?: AbortSignal) => fetchJson<WorkloadTrend>(`/api/v1/workloads/${enc(name)}/trend${query({ from })}`, signal),
  compare: (name: string, a: string, b: string, signal?: AbortSignal) =>
    fetchJson<VersionComparison>(`/api/v1/workloads/${enc(name)}/compare${query({ a, b })}`, signal),
  runCompare: (a: string, b: string, signal?: AbortSignal) => fetchJson<RunComparison>(`/api/v1/runs/compare${query({ a, b })}`, signal),
};
