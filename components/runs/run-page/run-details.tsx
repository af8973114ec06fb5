"use client";

import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { ErrorPanel } from "@/components/empty-state";
import type { Rights } from "@/lib/auth/rights";
import type { LedgerEvent, SpanSummary } from "@/lib/runs/types";
import { runApi, runKeys } from "@/components/runs/api";
import { LedgerTable } from "@/components/runs/ledger-table/ledger-table";
import { LogsTable } from "@/components/runs/logs-table/logs-table";
import { RunTimeline, type TimelineLogMark } from "@/components/runs/run-timeline";
import { spanKey } from "@/lib/runs/timeline/rows";
import { SpansTable } from "@/components/runs/spans-table/spans-table";
import { RUN_TABS, type RunTab } from "@/components/runs/run-page/run-tabs";
import { RunScores } from "@/components/scores/run-scores/run-scores";
import type { ActivationTarget } from "@/components/scores/target";
import { TabList, TabPanels } from "@/components/ui/tab-list";

interface Props {
  runId: string;
  spanCount: number;
  tab: RunTab;
  onTab: (tab: RunTab) => void;
  /** The address that opens a tab, so tabs are links. */
  tabHref: (tab: RunTab) => string;
  /** The page holds the ledger: a selected token's lineage is drawn on the DAG too. */
  ledger: { events: LedgerEvent[] | undefined; error: Error | null };
  selectedToken: string | null;
  onSelectToken: (token: string | null) => void;
  onSelectSpan: (span: SpanSummary) => void;
  rights: Rights;
  /** The Scores tab: what its form can score besides the run, and how a score selects its node. */
  scores: { target: ActivationTarget | null; note: string | null; nodeIds: ReadonlySet<string>; onSelectNode: (nodeId: string, spanId: string | null) => void };
}

const loading = (what: string) => <p role="status" className="py-6 text-center text-sm text-slate-500">Loading the {what}…</p>;

/** The tabs under the DAG; only the chosen one renders, so each loads its data when opened. */
export function RunDetails({ runId, spanCount, tab, onTab, tabHref, ledger, selectedToken, onSelectToken, onSelectSpan, rights, scores }: Props) {
  return (
    <>
      <TabList tabs={RUN_TABS} active={tab} onSelect={onTab} hrefFor={tabHref} label="Run details" base="run" className="mt-6" />
      <TabPanels tabs={RUN_TABS} active={tab} base="run" lazy className="mt-3">
        {({ id }) =>
          id === "timeline" ? (
            <TimelinePanel runId={runId} spanCount={spanCount} onSelectSpan={onSelectSpan} />
          ) : id === "spans" ? (
            <SpansTable runId={runId} />
          ) : id === "logs" ? (
            <LogsTable runId={runId} maySearchText={rights.content} />
          ) : id === "scores" ? (
            <RunScores runId={runId} target={scores.target} targetNote={scores.note} nodeIds={scores.nodeIds} onSelectNode={scores.onSelectNode} mayScore={rights.feedback} />
          ) : ledger.error ? (
            <ErrorPanel message={`The ledger could not be loaded: ${ledger.error.message}`} />
          ) : ledger.events ? (
            <LedgerTable events={ledger.events} selectedToken={selectedToken} onSelectToken={onSelectToken} />
          ) : (
            loading("ledger")
          )
        }
      </TabPanels>
    </>
  );
}

function TimelinePanel({ runId, spanCount, onSelectSpan }: { runId: string; spanCount: number; onSelectSpan: (span: SpanSummary) => void }) {
  const timeline = useQuery({ queryKey: runKeys.timeline(runId), queryFn: ({ signal }) => runApi.timeline(runId, signal) });
  // Ticks for the lines logged in each span; the timeline draws without them until they come.
  const marks = useQuery({ queryKey: runKeys.logMarks(runId), queryFn: ({ signal }) => runApi.logMarks(runId, signal) });
  const logMarks = useMemo(() => {
    const bySpan = new Map<string, TimelineLogMark[]>();
    for (const mark of marks.data?.marks ?? []) {
      const key = spanKey(mark);
      const list = bySpan.get(key) ?? [];
      list.push({ ns: BigInt(mark.timeUnixNano), severityNumber: mark.severityNumber });
      bySpan.set(key, list);
    }
    return bySpan;
  }, [marks.data]);
  if (timeline.isError) return <ErrorPanel message={`The spans could not be loaded: ${timeline.error.message}`} />;
  if (!timeline.data) return loading("timeline");
  return (
    <>
      {timeline.data.nextCursor ? (
        <p className="mb-2 text-xs text-slate-500">
          Showing the first {timeline.data.spans.length.toLocaleString("en-US")} of {spanCount.toLocaleString("en-US")} spans; the Spans tab pages through all of
          them.
        </p>
      ) : null}
      <RunTimeline spans={timeline.data.spans} onSelectSpan={onSelectSpan} logMarks={logMarks} />
    </>
  );
}
