import { memo } from "react";
import type { QueueView } from "@/lib/runs/replay/cursor";

/** Tokens listed per queue; the count is always whole. */
export const QUEUE_TOKENS_SHOWN = 8;

/** Every node's queue at the step: how many tokens wait, the oldest first (the next to be taken). */
export const QueueList = memo(function QueueList({ queues, currentToken }: { queues: QueueView[]; currentToken: string | null }) {
  const waiting = queues.reduce((sum, queue) => sum + queue.size, 0);
  return (
    <section aria-labelledby="replay-queues-title" data-testid="replay-queues" data-waiting={waiting} className="border-t border-slate-200 px-4 py-3">
      <h3 id="replay-queues-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        Queues at this step <span className="font-normal normal-case tracking-normal">· {waiting.toLocaleString("en-US")} waiting</span>
      </h3>
      {queues.length === 0 ? (
        <p className="mt-1 text-xs text-slate-500">No token was enqueued in this run.</p>
      ) : (
        <ul className="mt-2 space-y-2">
          {queues.map((queue) => (
            <li key={queue.node} data-testid="replay-queue" data-node={queue.node} data-size={queue.size} className={queue.size === 0 ? "text-slate-400" : ""}>
              <div className="flex items-baseline gap-2 text-sm">
                <span className="truncate font-medium">{queue.node}</span>
                <span
                  data-testid="replay-queue-size"
                  className={`ml-auto rounded px-1.5 text-xs font-semibold tabular-nums ${queue.size ? "bg-violet-100 text-violet-900" : "bg-slate-100 text-slate-500"}`}
                >
                  {queue.size.toLocaleString("en-US")}
                </span>
              </div>
              {queue.size > 0 ? (
                <ol aria-label={`Tokens waiting for ${queue.node}, oldest first`} className="mt-1 flex flex-wrap gap-1">
                  {queue.entries.map((entry) => (
                    <li
                      key={entry.index}
                      data-testid="replay-queue-token"
                      data-token-id={entry.tokenId ?? ""}
                      title={`${entry.tokenId ?? "no token id"} (enqueued at step ${entry.index + 1})`}
                      className={`rounded px-1 font-mono text-[11px] ${entry.tokenId !== null && entry.tokenId === currentToken ? "bg-violet-600 text-white" : "bg-slate-100 text-slate-700"}`}
                    >
                      {(entry.tokenId ?? "—").slice(0, 10)}
                    </li>
                  ))}
                  {queue.size > queue.entries.length ? (
                    <li className="px-1 text-[11px] text-slate-500">+{(queue.size - queue.entries.length).toLocaleString("en-US")} more</li>
                  ) : null}
                </ol>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
