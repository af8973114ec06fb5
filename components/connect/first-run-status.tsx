"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { runApi, runKeys } from "@/components/runs/api";
import { formatTimestampNs } from "@/components/ui/format";
import type { RunPage, RunView } from "@/lib/runs/types";
import { firstRunState, LATEST_RUN_QUERY, POLL_MS, pollInterval } from "@/components/connect/latest-run";

/**
 * Polls for the newest run until there is one, then links to it. The server's first answer
 * (`initialPage`) tells a run that arrived while the user watched ("your first run") from one
 * that was there already ("latest run").
 */
export function FirstRunStatus({ initialPage }: { initialPage: RunPage | null }) {
  const [watchedItArrive] = useState(() => initialPage?.runs.length === 0);
  const latest = useQuery({
    queryKey: runKeys.list(LATEST_RUN_QUERY),
    queryFn: ({ signal }) => runApi.list(LATEST_RUN_QUERY, signal),
    initialData: initialPage ?? undefined,
    staleTime: 0,
    refetchInterval: (query) => pollInterval(query.state.data),
    // The interval is the retry: an error shows at once and clears on the next good answer.
    retry: false,
  });

  const run = latest.data?.runs[0];
  const state = firstRunState({ hasRun: run !== undefined, watchedItArrive, isError: latest.isError, isPending: latest.isPending });
  return (
    <section
      role="status"
      aria-live="polite"
      data-testid="first-run-status"
      data-state={state}
      className={`rounded-lg border px-5 py-4 text-sm ${run ? "border-emerald-200 bg-emerald-50" : "border-sky-200 bg-sky-50"}`}
    >
      {run ? (
        <RunArrived run={run} first={state === "arrived"} />
      ) : state === "error" ? (
        <Line dot="bg-red-500" title="Could not check for runs">
          <span data-testid="first-run-error">{latest.error?.message}</span> — trying again every {POLL_MS / 1000} s.
        </Line>
      ) : state === "loading" ? (
        <Line dot="bg-slate-400" title="Checking for runs…" />
      ) : (
        <Line dot="bg-sky-500 motion-safe:animate-pulse" title="Waiting for your first span…">
          Paste a snippet below and run your agent: its run shows up here as soon as the collector stores it.
        </Line>
      )}
    </section>
  );
}

function RunArrived({ run, first }: { run: RunView; first: boolean }) {
  return (
    <Line dot="bg-emerald-500" title={first ? "Your first run arrived" : "Latest run"}>
      <Link
        href={`/runs/${encodeURIComponent(run.runId)}`}
        data-testid="first-run-link"
        className="font-medium text-sky-700 underline outline-none focus-visible:ring-2 focus-visible:ring-sky-400"
      >
        {run.workloadName ?? run.serviceName ?? run.runId}
      </Link>{" "}
      started <time dateTime={run.startTime}>{formatTimestampNs(run.startTimeUnixNano)}</time>.{" "}
      <Link href="/" className="text-sky-700 underline outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
        All runs
      </Link>
    </Line>
  );
}

function Line({ dot, title, children }: { dot: string; title: string; children?: ReactNode }) {
  return (
    <div className="flex items-start gap-3">
      <span aria-hidden className={`mt-1.5 inline-block h-2.5 w-2.5 shrink-0 rounded-full ${dot}`} />
      <div>
        <p className="font-semibold text-slate-900" data-testid="first-run-title">
          {title}
        </p>
        {children ? <p className="mt-0.5 text-slate-700">{children}</p> : null}
      </div>
    </div>
  );
}

/** Keys are on and nobody is signed in: the runs are the tenant's, so say where to sign in instead of polling into 401s. */
export function FirstRunSignedOut({ signInHref }: { signInHref: string }) {
  return (
    <section data-testid="first-run-status" data-state="signed-out" className="rounded-lg border border-slate-200 bg-slate-50 px-5 py-4 text-sm">
      <Line dot="bg-slate-400" title="Sign in to see your runs">
        API keys are on, so runs belong to the tenant of the key that sent them.{" "}
        <Link href={signInHref} data-testid="first-run-sign-in" className="font-medium text-sky-700 underline outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
          Sign in with an API key
        </Link>{" "}
        to see whether yours arrived.
      </Line>
    </section>
  );
}
