// Where the replay's token travels: the same path the edge component draws, from the layout alone.
import { Position } from "@xyflow/react";
import { edgeKey, NODE_HEIGHT, NODE_WIDTH, type DagDirection, type DagLayout, type Point } from "@/lib/runs/dag-layout";
import { dagEdgePath } from "@/components/runs/run-dag/dag-edge";

export interface ReplayEdgeGeometry {
  path: string;
  start: Point;
  end: Point;
}

/** The edge source → target as drawn (handles mid-side, skip-layer routes, loops, bows), or null when an end is not placed. */
export function replayEdgeGeometry(layout: DagLayout, source: string, target: string, direction: DagDirection = "LR"): ReplayEdgeGeometry | null {
  const s = layout.positions.get(source);
  const t = layout.positions.get(target);
  if (!s || !t) return null;
  const horizontal = direction === "LR";
  const start = horizontal ? { x: s.x + NODE_WIDTH, y: s.y + NODE_HEIGHT / 2 } : { x: s.x + NODE_WIDTH / 2, y: s.y + NODE_HEIGHT };
  const end = horizontal ? { x: t.x, y: t.y + NODE_HEIGHT / 2 } : { x: t.x + NODE_WIDTH / 2, y: t.y };
  const [path] = dagEdgePath({
    source,
    target,
    sourceX: start.x,
    sourceY: start.y,
    targetX: end.x,
    targetY: end.y,
    sourcePosition: horizontal ? Position.Right : Position.Bottom,
    targetPosition: horizontal ? Position.Left : Position.Top,
    route: layout.routes.get(edgeKey(source, target)),
  });
  return { path, start, end };
}
