"use client";
import { BaseEdge, getBezierPath, Position, type EdgeProps } from "@xyflow/react";
import { memo } from "react";
import { NODE_HEIGHT, NODE_WIDTH } from "@/lib/runs/dag-layout";
import type { DagFlowEdge } from "@/components/runs/run-dag/to-flow";

type Pt = { x: number; y: number };

/** A cubic Bézier path and the point halfway along it (for the count label). */
function cubic(p0: Pt, c1: Pt, c2: Pt, p1: Pt): [string, number, number] {
  const path = `M ${p0.x},${p0.y} C ${c1.x},${c1.y} ${c2.x},${c2.y} ${p1.x},${p1.y}`;
  return [path, (p0.x + 3 * c1.x + 3 * c2.x + p1.x) / 8, (p0.y + 3 * c1.y + 3 * c2.y + p1.y) / 8];
}

/** A smooth path through waypoints, leaving and entering each one along the flow direction. */
function through(points: Pt[], horizontal: boolean): [string, number, number] {
  let path = `M ${points[0]!.x},${points[0]!.y}`;
  for (let i = 1; i < points.length; i++) {
    const p = points[i - 1]!;
    const q = points[i]!;
    const mx = (p.x + q.x) / 2;
    const my = (p.y + q.y) / 2;
    path += horizontal ? ` C ${mx},${p.y} ${mx},${q.y} ${q.x},${q.y}` : ` C ${p.x},${my} ${q.x},${my} ${q.x},${q.y}`;
  }
  const mid = points[Math.floor(points.length / 2)]!;
  return [path, mid.x, mid.y];
}

/**
 * Forward edges are Béziers, routed through the layout's waypoints when they skip layers. A self-loop (a retried node) arcs over its node, and an edge
 * back against the flow (a reviewer returning work) bows around the nodes instead of cutting through them.
 */
export function dagEdgePath(p: {
  source: string;
  target: string;
  sourceX: number;
  sourceY: number;
  targetX: number;
  targetY: number;
  sourcePosition: Position;
  targetPosition: Position;
  route?: Pt[];
}): [string, number, number] {
  const horizontal = p.sourcePosition === Position.Left || p.sourcePosition === Position.Right;
  const s = { x: p.sourceX, y: p.sourceY };
  const t = { x: p.targetX, y: p.targetY };
  if (p.source === p.target) {
    if (horizontal) {
      const lift = NODE_HEIGHT / 2 + 36;
      return cubic(s, { x: s.x + 48, y: s.y - lift }, { x: t.x - 48, y: t.y - lift }, t);
    }
    const side = NODE_WIDTH / 2 + 60;
    return cubic(s, { x: s.x + side, y: s.y + 48 }, { x: t.x + side, y: t.y - 48 }, t);
  }
  // A route is the layout's word: around skipped layers, or out of one band of a wrapped chain into the next.
  if (p.route && p.route.length > 0) return through([s, ...p.route, t], horizontal);
  const backwards = horizontal ? t.x < s.x : t.y < s.y;
  if (backwards) {
    const span = horizontal ? s.x - t.x : s.y - t.y;
    if (horizontal) {
      const drop = NODE_HEIGHT / 2 + 40 + span * 0.08;
      return cubic(s, { x: s.x + 80, y: s.y + drop }, { x: t.x - 80, y: t.y + drop }, t);
    }
    const side = NODE_WIDTH / 2 + 50 + span * 0.08;
    return cubic(s, { x: s.x + side, y: s.y + 80 }, { x: t.x + side, y: t.y - 80 }, t);
  }
  const [path, labelX, labelY] = getBezierPath(p);
  return [path, labelX, labelY];
}

export const DagEdgeView = memo(function DagEdgeView(props: EdgeProps<DagFlowEdge>) {
  const [path, labelX, labelY] = dagEdgePath({ ...props, route: props.data?.route });
  return (
    <BaseEdge
      path={path}
      labelX={labelX}
      labelY={labelY}
      label={props.label}
      labelStyle={props.labelStyle}
      labelShowBg={props.labelShowBg}
      labelBgStyle={props.labelBgStyle}
      labelBgPadding={props.labelBgPadding}
      labelBgBorderRadius={props.labelBgBorderRadius}
      style={props.style}
      markerEnd={props.markerEnd}
      interactionWidth={props.interactionWidth}
      data-kind={props.data?.kind}
    />
  );
});
