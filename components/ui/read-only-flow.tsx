"use client";
import "@xyflow/react/dist/style.css";
import { Background, Controls, ReactFlow, type Edge, type EdgeTypes, type FitViewOptions, type Node, type NodeMouseHandler, type NodeTypes } from "@xyflow/react";
import { useCallback, type ReactNode } from "react";

/**
 * A graph that is looked at, not edited: nothing drags, connects, selects or deletes, and React
 * Flow's own key bindings are off so the page's keyboard handling wins.
 */
const READ_ONLY = {
  nodesDraggable: false,
  nodesConnectable: false,
  nodesFocusable: false,
  edgesFocusable: false,
  elementsSelectable: false,
  deleteKeyCode: null,
  selectionKeyCode: null,
  multiSelectionKeyCode: null,
  panActivationKeyCode: null,
} as const;
const PRO_OPTIONS = { hideAttribution: false };

interface Props<N extends Node, E extends Edge> {
  nodes: N[];
  edges: E[];
  /** Module-level constants, so React Flow does not remount every node each render. */
  nodeTypes: NodeTypes;
  edgeTypes: EdgeTypes;
  /** A node's id when it is clicked, null for a click on the empty canvas. */
  onSelect: (id: string | null) => void;
  fitViewOptions: FitViewOptions;
  minZoom: number;
  onlyRenderVisibleElements?: boolean;
  /** Drawn between the background and the zoom controls, e.g. a MiniMap. */
  children?: ReactNode;
}

/** The DAG views' React Flow canvas: fitted on load, dotted background, zoom controls. */
export function ReadOnlyFlow<N extends Node, E extends Edge>({ onSelect, children, ...flow }: Props<N, E>) {
  const onNodeClick = useCallback<NodeMouseHandler<N>>((_, node) => onSelect(node.id), [onSelect]);
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);
  return (
    <ReactFlow<N, E> {...flow} onNodeClick={onNodeClick} onPaneClick={onPaneClick} fitView maxZoom={1.5} {...READ_ONLY} proOptions={PRO_OPTIONS}>
      <Background gap={24} size={1} color="#e2e8f0" />
      {children}
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}
