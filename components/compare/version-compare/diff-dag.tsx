"use client";
import type { EdgeTypes, NodeTypes } from "@xyflow/react";
import { useMemo } from "react";
import { EmptyState } from "@/components/empty-state";
import type { EdgeComparison, NodeComparison } from "@/lib/workloads/types";
import { DiffEdgeView } from "@/components/compare/version-compare/diff-edge";
import { DiffLegend } from "@/components/compare/version-compare/diff-legend";
import { DiffNodeView } from "@/components/compare/version-compare/diff-node";
import { DiffSelectContext } from "@/components/compare/version-compare/select-context";
import { layoutComparison, toDiffFlowEdges, toDiffFlowNodes, withSelection, type DiffFlowEdge, type DiffFlowNode } from "@/components/compare/version-compare/to-flow";
import { ReadOnlyFlow } from "@/components/ui/read-only-flow";

export interface DiffDagProps {
  nodes: NodeComparison[];
  edges: EdgeComparison[];
  selected: string | null;
  onSelect: (name: string | null) => void;
  /** Canvas height in px (the legend sits below it). */
  height?: number;
}

const nodeTypes: NodeTypes = { diff: DiffNodeView };
const edgeTypes: EdgeTypes = { diff: DiffEdgeView };
const FIT_VIEW_OPTIONS = { padding: 0.1, maxZoom: 1 };

/** Every node of both versions on one left-to-right graph, coloured by change. */
export function DiffDag({ nodes, edges, selected, onSelect, height = 440 }: DiffDagProps) {
  const layout = useMemo(() => layoutComparison(nodes, edges), [nodes, edges]);
  const baseNodes = useMemo(() => toDiffFlowNodes(nodes, layout), [nodes, layout]);
  const flowEdges = useMemo(() => toDiffFlowEdges(edges, layout), [edges, layout]);
  const flowNodes = useMemo(() => withSelection(baseNodes, selected), [baseNodes, selected]);

  if (nodes.length === 0) {
    return (
      <EmptyState title="Neither version has nodes on record" testId="diff-dag-empty">
        The graph appears once either version has a static graph or runs with node spans.
      </EmptyState>
    );
  }
  return (
    <section aria-label="Merged graph of both versions" data-testid="diff-dag" className="overflow-hidden rounded-lg border border-slate-200 bg-white">
      <p className="sr-only">Each node is a button: press Enter to show its row in the table below.</p>
      <div style={{ height }}>
        <DiffSelectContext.Provider value={onSelect}>
          <ReadOnlyFlow<DiffFlowNode, DiffFlowEdge>
            nodes={flowNodes}
            edges={flowEdges}
            nodeTypes={nodeTypes}
            edgeTypes={edgeTypes}
            onSelect={onSelect}
            fitViewOptions={FIT_VIEW_OPTIONS}
            minZoom={0.05}
          />
        </DiffSelectContext.Provider>
      </div>
      <DiffLegend className="border-t border-slate-200 px-4 py-2" />
    </section>
  );
}
