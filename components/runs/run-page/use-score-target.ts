"use client";

import { useQuery } from "@tanstack/react-query";
import type { DagNode } from "@/lib/runs/types";
import { runApi, runKeys } from "@/components/runs/api";
import { pickActivation, type ActivationTarget } from "@/components/scores/target";

/**
 * The activation of the selected node that feedback goes on: `?span=` when it is one of the node's,
 * else the first. Reads the inspector's query, so it costs no second request.
 */
export function useScoreTarget(runId: string, node: DagNode | null, spanId: string | null): { target: ActivationTarget | null; note: string | null } {
  const ran = node !== null && node.status !== "not_run";
  const detail = useQuery({
    queryKey: runKeys.node(runId, node?.id ?? ""),
    queryFn: ({ signal }) => runApi.node(runId, node!.id, signal),
    enabled: ran,
  });
  if (node === null) return { target: null, note: null };
  if (!ran) return { target: null, note: `${node.name} did not run in this run: there is nothing of it to score.` };
  if (detail.isError) return { target: null, note: `The activations of ${node.name} could not be loaded: ${detail.error.message}` };
  const activations = detail.data?.activations;
  if (!activations) return { target: null, note: `Loading the activations of ${node.name}…` };
  const picked = pickActivation(activations, spanId);
  if (!picked) return { target: null, note: `${node.name} has no activation on record to score.` };
  return {
    target: { nodeId: node.id, nodeName: node.name, spanId: picked.spanId, index: picked.index, count: activations.length, asAttempt: node.attempts !== null },
    note: null,
  };
}
