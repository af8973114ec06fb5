import { describe, expect, it } from "vitest";
import { layoutDag, NODE_HEIGHT, NODE_WIDTH } from "@/lib/runs/dag-layout";
import { makeDagNode } from "@/lib/runs/testing";
import type { DagEdge } from "@/lib/runs/types";
import { replayEdgeGeometry } from "@/components/runs/run-dag/replay-geometry";

const edge = (source: string, target: string): DagEdge => ({ source, target, kind: "ledger", count: 1 });
const nodes = ["draft", "review", "publish"].map((id) => makeDagNode(id));
const layout = layoutDag(nodes, [edge("draft", "review"), edge("review", "draft"), edge("review", "publish")]);

describe("replayEdgeGeometry", () => {
  it("runs from the source's right side to the target's left side", () => {
    const g = replayEdgeGeometry(layout, "draft", "review")!;
    const s = layout.positions.get("draft")!;
    const t = layout.positions.get("review")!;
    expect(g.start).toEqual({ x: s.x + NODE_WIDTH, y: s.y + NODE_HEIGHT / 2 });
    expect(g.end).toEqual({ x: t.x, y: t.y + NODE_HEIGHT / 2 });
    expect(g.path.replace(/^M\s*/, "").startsWith(`${g.start.x},${g.start.y}`)).toBe(true);
    expect(g.path.endsWith(`${g.end.x},${g.end.y}`)).toBe(true);
  });

  it("draws the way back as a bow, top to bottom when asked", () => {
    expect(replayEdgeGeometry(layout, "review", "draft")!.path).toMatch(/^M [\d.-]+,[\d.-]+ C /);
    const tb = layoutDag(nodes, [edge("draft", "review")], { direction: "TB" });
    const g = replayEdgeGeometry(tb, "draft", "review", "TB")!;
    expect(g.start.y).toBe(tb.positions.get("draft")!.y + NODE_HEIGHT);
  });

  it("is null when an end is not in the graph", () => {
    expect(replayEdgeGeometry(layout, "draft", "ghost")).toBeNull();
  });
});
