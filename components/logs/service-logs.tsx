"use client";

import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useMemo, useState } from "react";
import type { LogPage } from "@/lib/logs/types";
import { LevelSelect } from "@/components/logs/level-select";
import { SEARCH_DELAY_MS, useDebounced } from "@/components/logs/log-lines";
import { LogCount, LogListBody, TextFilter } from "@/components/logs/log-list";
import { fetchJson, withQuery } from "@/components/ui/api-client";
import { useReplaceParams } from "@/components/ui/url-params";

const PAGE = 1000;
const WINDOWS = [
  { value: "1h", label: "Last hour" },
  { value: "24h", label: "Last 24 hours" },
  { value: "7d", label: "Last 7 days" },
  { value: "all", label: "All time" },
] as const;

/**
 * The Logs page: every service's records newest first, filtered on the server by service, time
 * window, level, text and "no run"; the filters live in the URL so a view can be linked.
 */
export function ServiceLogs({ maySearchText = true }: { maySearchText?: boolean }) {
  const params = useSearchParams();
  const setParams = useReplaceParams();
  const service = params.get("service") ?? "";
  // Local first, then the URL: controls answer at once while the address catches up.
  const [severity, setSeverity] = useState(params.get("severity") ?? "");
  const [from, setFrom] = useState(params.get("from") ?? "24h");
  const [withoutRun, setWithoutRun] = useState(params.get("withoutRun") === "true");
  const [search, setSearch] = useState(params.get("q") ?? "");
  const [serviceInput, setServiceInput] = useState(service);
  // A linked `?q=` is not sent for a viewer the server would refuse it to.
  const typed = useDebounced(search.trim(), SEARCH_DELAY_MS);
  const text = maySearchText ? typed : "";
  const typedService = useDebounced(serviceInput.trim(), SEARCH_DELAY_MS);
  useEffect(() => {
    // One replace for both: two in a row would each start from the same old address.
    if (text !== (params.get("q") ?? "") || typedService !== service) setParams({ q: text, service: typedService });
  }, [text, typedService, params, service, setParams]);

  const filter = { service: service || null, severity: severity || null, q: text || null, from: from === "all" ? null : from, withoutRun: withoutRun ? "true" : null };
  const logs = useInfiniteQuery({
    queryKey: ["logs", filter],
    queryFn: ({ pageParam, signal }) => fetchJson<LogPage>(withQuery("/api/v1/logs", { ...filter, limit: PAGE, cursor: pageParam }), { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    placeholderData: keepPreviousData,
  });
  const lines = useMemo(() => logs.data?.pages.flatMap((page) => page.logs) ?? [], [logs.data]);
  const services = useMemo(() => [...new Set(lines.map((line) => line.serviceName).filter((name): name is string => name !== null))].sort(), [lines]);
  const filtered = Boolean(service || severity || text || withoutRun);

  return (
    <div data-testid="service-logs">
      <div className="mb-2 flex flex-wrap items-end gap-3 text-xs">
        <label className="flex flex-col gap-1 font-medium text-slate-600">
          Service
          <input data-testid="logs-filter-service" list="log-services" type="search" value={serviceInput} onChange={(e) => setServiceInput(e.target.value)} placeholder="every service" className="w-48 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm" />
          <datalist id="log-services">
            {services.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </label>
        <label className="flex flex-col gap-1 font-medium text-slate-600">
          Time
          <select data-testid="logs-filter-window" value={from} onChange={(e) => {
              setFrom(e.target.value);
              setParams({ from: e.target.value });
            }} className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm">
            {WINDOWS.map((window) => (
              <option key={window.value} value={window.value}>
                {window.label}
              </option>
            ))}
          </select>
        </label>
        <LevelSelect
          value={severity}
          onChange={(level) => {
            setSeverity(level);
            setParams({ severity: level });
          }}
        />
        <TextFilter value={search} onChange={setSearch} allowed={maySearchText} />
        <label className="flex items-center gap-1.5 pb-1 text-sm text-slate-700">
          <input
            data-testid="logs-filter-without-run"
            type="checkbox"
            checked={withoutRun}
            onChange={(e) => {
              setWithoutRun(e.target.checked);
              setParams({ withoutRun: e.target.checked ? "true" : null });
            }}
          />
          Only records of no run
        </label>
        <LogCount logs={logs} count={lines.length} />
      </div>
      <LogListBody
        logs={logs}
        lines={lines}
        listKey={JSON.stringify(filter)}
        label="Log lines, newest first"
        moreLabel="Load older lines"
        empty={
          filtered
            ? "No log lines match these filters in this time window."
            : `No log records ${from === "all" ? "yet" : `in the ${(WINDOWS.find((w) => w.value === from)?.label ?? "chosen window").toLowerCase()}`}. Point an OpenTelemetry SDK's log exporter at this collector (OTLP /v1/logs or the gRPC LogsService); the Connect page has the endpoints.`
        }
      />
    </div>
  );
}
