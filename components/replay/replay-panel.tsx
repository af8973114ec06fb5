"use client";
import { memo, useSyncExternalStore } from "react";
import { ErrorPanel } from "@/components/empty-state";
import { lineageChain, prettyJson, splitMetadata } from "@/lib/runs/replay/format";
import { QueueOp, type ReplayModel } from "@/lib/runs/replay/model";
import type { LedgerEvent } from "@/lib/runs/types";
import { formatMs } from "@/components/ui/format";
import { QUEUE_TOKENS_SHOWN, QueueList } from "@/components/replay/queue-list";
import type { ReplayStore } from "@/components/replay/replay-store";
import { HiddenForViewers } from "@/components/ui/hidden-content";

const SHELL = "rounded-lg border border-violet-200 bg-white";

/** The side panel in Replay: the current event in full, and every queue at that step. */
export function ReplayPanel({ store, error }: { store: ReplayStore; error: Error | null }) {
  const snap = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getSnapshot);
  if (error) return <ErrorPanel message={`The audit ledger could not be loaded: ${error.message}`} />;
  if (snap.status === "loading") {
    return (
      <aside aria-label="Replay" data-testid="replay-panel" data-status="loading" className={`${SHELL} px-4 py-6`}>
        <p role="status" className="text-center text-sm text-slate-500">
          Loading the audit ledger…
        </p>
      </aside>
    );
  }
  if (snap.status === "empty") {
    return (
      <aside aria-label="Replay" data-testid="replay-panel" data-status="empty" className={`${SHELL} px-4 py-6 text-sm text-slate-600`}>
        <h2 className="font-semibold text-slate-800">Nothing to replay</h2>
        <p data-testid="replay-empty" className="mt-2">
          Replay needs the run&apos;s audit ledger, and this run has no audit events. The Codon runtime sends them as OTLP log records (
          <code className="font-mono text-xs">codon.audit.*</code>); a ledger exported as JSON can be posted to the run&apos;s ledger API.
        </p>
      </aside>
    );
  }
  const model = store.getModel()!;
  const event = model.events[snap.index]!;
  return (
    <aside aria-label="Replay" data-testid="replay-panel" data-status="ready" data-step={snap.index + 1} className={`${SHELL} max-h-[640px] overflow-y-auto`}>
      <CurrentEvent event={event} index={snap.index} total={snap.total} model={model} />
      <QueueList queues={store.queues(QUEUE_TOKENS_SHOWN)} currentToken={event.tokenId} />
    </aside>
  );
}

const TYPE_STYLE: Record<string, string> = {
  token_enqueued: "bg-sky-100 text-sky-900",
  token_dequeued: "bg-slate-100 text-slate-800",
  node_completed: "bg-emerald-100 text-emerald-900",
  node_failed: "bg-red-100 text-red-900",
  runtime_stopped: "bg-amber-100 text-amber-900",
};

const nodeName = (name: string | null) => (name === "__entry__" ? "entry" : (name ?? "—"));

const CurrentEvent = memo(function CurrentEvent({ event, index, total, model }: { event: LedgerEvent; index: number; total: number; model: ReplayModel }) {
  const { payload, rest } = splitMetadata(event.metadata);
  const offset = model.offsetMs[index]!;
  return (
    <section aria-labelledby="replay-event-title" data-testid="replay-event" data-event-id={event.id} className="px-4 py-3">
      <div className="flex items-center gap-2">
        <h2 id="replay-event-title" className="text-sm font-semibold text-slate-800">
          Step {(index + 1).toLocaleString("en-US")} of {total.toLocaleString("en-US")}
        </h2>
        <span data-testid="replay-event-type" className={`ml-auto rounded px-1.5 py-0.5 font-mono text-xs ${TYPE_STYLE[event.eventType] ?? "bg-violet-100 text-violet-900"}`}>
          {event.eventType}
        </span>
      </div>
      <dl className="mt-2 grid grid-cols-[6.5rem_minmax(0,1fr)] gap-x-2 gap-y-1 text-xs">
        <dt className="text-slate-500">Time</dt>
        <dd data-testid="replay-event-time" className="font-mono text-slate-800">
          {event.timestamp.replace("T", " ").replace("Z", " UTC")}
          {Number.isFinite(offset) ? <span className="ml-1 text-slate-500">(+{formatMs(offset)})</span> : null}
        </dd>
        <dt className="text-slate-500">Source → target</dt>
        <dd data-testid="replay-route" className="text-slate-800">
          {nodeName(event.sourceNode)} → {nodeName(event.targetNode)}
        </dd>
        <dt className="text-slate-500">Token</dt>
        <dd data-testid="replay-token-id" className="break-all font-mono text-slate-800">
          {event.tokenId ?? "—"}
        </dd>
        <dt className="text-slate-500">Parent token</dt>
        <dd data-testid="replay-parent-id" className="break-all font-mono text-slate-800">
          {event.parentTokenId ?? "— (entry token)"}
        </dd>
        <dt className="text-slate-500">Lineage</dt>
        <dd data-testid="replay-lineage" className="break-words text-slate-800" title={event.lineage.join(" → ")}>
          {event.lineage.length ? lineageChain(event.lineage) : "—"}
        </dd>
        <QueueNote model={model} index={index} />
      </dl>
      {event.contentHidden ? <HiddenForViewers testId="replay-payload" /> : null}
      {payload !== null && !event.contentHidden ? <JsonBlock label="Payload" value={payload} testId="replay-payload" /> : null}
      {rest && !event.contentHidden ? <JsonBlock label="Metadata" value={rest} testId="replay-metadata" /> : null}
    </section>
  );
});

/** For a hand-off: how long the token waited, or that it still waits. */
function QueueNote({ model, index }: { model: ReplayModel; index: number }) {
  const op = model.ops[index];
  let text: string | null = null;
  if (op === QueueOp.Enqueue) {
    const taken = model.takenAt[index]!;
    text = taken < 0 ? "still waiting when the ledger ends" : `taken at step ${(taken + 1).toLocaleString("en-US")}${wait(model, index, taken)}`;
  } else if (op === QueueOp.Dequeue) {
    const entry = model.entryOf[index]!;
    text = `enqueued at step ${(entry + 1).toLocaleString("en-US")}${wait(model, entry, index)}`;
  } else if (op === QueueOp.UnmatchedDequeue) {
    text = "no earlier enqueue of this token for this node in the ledger";
  }
  if (!text) return null;
  return (
    <>
      <dt className="text-slate-500">Queue</dt>
      <dd data-testid="replay-queue-note" className="text-slate-800">
        {text}
      </dd>
    </>
  );
}

const wait = (model: ReplayModel, from: number, to: number) => {
  const ms = model.offsetMs[to]! - model.offsetMs[from]!;
  return Number.isFinite(ms) ? `, after ${formatMs(Math.max(0, ms))}` : "";
};

function JsonBlock({ label, value, testId }: { label: string; value: unknown; testId: string }) {
  const { text, omitted } = prettyJson(value);
  return (
    <section className="mt-3">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label}</h3>
      <pre data-testid={testId} className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-xs text-slate-800">
        {text}
        {omitted ? `\n… ${omitted.toLocaleString("en-US")} more characters` : ""}
      </pre>
    </section>
  );
}
