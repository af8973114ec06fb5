"use client";
import { BaseEdge, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { dagEdgePath } from "@/components/runs/run-dag/dag-edge";
import type { DiffFlowEdge } from "@/components/compare/version-compare/to-flow";

/** The run DAG's edge geometry (layer-skipping routes, back edges, self-loops), styled by change. */
export const DiffEdgeView = memo(function DiffEdgeView(props: EdgeProps<DiffFlowEdge>) {
  const [path] = dagEdgePath({ ...props, route: props.data?.route });
  return <BaseEdge path={path} style={props.style} markerEnd={props.markerEnd} interactionWidth={props.interactionWidth} />;
});
