"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { runApi, runKeys } from "@/components/runs/api";
import type { RunNodeComparison, RunNodeSide } from "@/lib/workloads/types";
import { ActivationError } from "@/components/compare/run-compare/activation-error";
import { ActivationPicker } from "@/components/compare/run-compare/activation-picker";
import { AloneSide } from "@/components/compare/run-compare/io-alone";
import { firedSide } from "@/components/compare/run-compare/node-sides";
import { PayloadCompare } from "@/components/compare/run-compare/payload-compare";

/** Both sides' node detail; a side that did not run is not asked for. */
function useNodeDetail(runId: string, side: RunNodeSide | null) {
  return useQuery({
    queryKey: runKeys.node(runId, side?.nodeId ?? ""),
    queryFn: ({ signal }) => runApi.node(runId, side!.nodeId, signal),
    enabled: side !== null,
  });
}

interface Props {
  node: RunNodeComparison;
  runIdA: string;
  runIdB: string;
  onClose: () => void;
}

/** The chosen node's input and output in run a against run b, one activation per side. */
export function IoPanel({ node, runIdA, runIdB, onClose }: Props) {
  const sideA = firedSide(node.a);
  const sideB = firedSide(node.b);
  const detailA = useNodeDetail(runIdA, sideA);
  const detailB = useNodeDetail(runIdB, sideB);
  const [choice, setChoice] = useState({ indexA: 0, indexB: 0, inStep: false });
  const ref = useRef<HTMLElement>(null);
  // A shared link or a click far up the table should land on the panel.
  useEffect(() => ref.current?.scrollIntoView({ block: "nearest" }), []);

  const activationsA = detailA.data?.activations ?? [];
  const activationsB = detailB.data?.activations ?? [];
  const spanA = activationsA[choice.indexA] ?? null;
  const spanB = activationsB[choice.indexB] ?? null;
  const hidden = Boolean(spanA?.contentHidden || spanB?.contentHidden);
  const loading = (sideA !== null && detailA.isPending) || (sideB !== null && detailB.isPending);
  const failed = [
    ["a", detailA.error],
    ["b", detailB.error],
  ].filter((entry): entry is ["a" | "b", Error] => entry[1] instanceof Error);
  const ready = !loading && failed.length === 0;
  const alone = sideA === null ? "b" : sideB === null ? "a" : null;

  return (
    <section
      ref={ref}
      id="run-compare-io"
      data-testid="run-compare-io"
      data-node={node.name}
      aria-labelledby="run-compare-io-title"
      onKeyDown={(event) => {
        if (event.key === "Escape") onClose();
      }}
      className="mt-4 rounded-lg border border-slate-200 bg-slate-50 px-4 py-3"
    >
      <div className="flex items-start gap-2">
        <h2 id="run-compare-io-title" className="min-w-0 truncate text-base font-semibold" title={node.name}>
          {node.name}: inputs and outputs
        </h2>
        <button type="button" onClick={onClose} aria-label="Close the input and output comparison" className="ml-auto rounded px-2 text-slate-500 outline-none hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400">
          ✕
        </button>
      </div>
      {alone ? (
        <p data-testid="io-single-note" className="mt-1 text-sm text-slate-600">
          This node did not run in run {alone === "a" ? "b" : "a"}: run {alone}&apos;s input and output are shown alone.
        </p>
      ) : null}
      {loading ? <p role="status" className="mt-3 text-sm text-slate-500">Loading the node in both runs…</p> : null}
      {failed.map(([side, error]) => (
        <p key={side} role="alert" data-testid={`io-load-error-${side}`} className="mt-3 text-sm text-red-700">
          Could not load the node in run {side}: {error.message}
        </p>
      ))}
      {ready && alone === null ? (
        <>
          {activationsA.length > 1 || activationsB.length > 1 ? (
            <ActivationPicker activationsA={activationsA} activationsB={activationsB} {...choice} onChange={setChoice} />
          ) : null}
          {!spanA || !spanB ? <p className="mt-3 text-sm text-slate-500">No activation on record in run {spanA ? "b" : "a"}.</p> : null}
          <ActivationError side="a" span={spanA} index={choice.indexA} />
          <ActivationError side="b" span={spanB} index={choice.indexB} />
          <PayloadCompare label="Input" testId="io-diff-input" a={spanA?.input ?? null} b={spanB?.input ?? null} hidden={hidden} />
          <PayloadCompare label="Output" testId="io-diff-output" a={spanA?.output ?? null} b={spanB?.output ?? null} hidden={hidden} />
        </>
      ) : null}
      {ready && alone !== null ? <AloneSide side={alone} activations={alone === "a" ? activationsA : activationsB} /> : null}
    </section>
  );
}
