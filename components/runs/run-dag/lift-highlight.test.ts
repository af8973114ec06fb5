import { describe, expect, it } from "vitest";
import { liftHighlight } from "@/components/runs/run-dag/lift-highlight";

const edges = [
  { source: "plan", target: "draft" },
  { source: "draft", target: "review" },
  { source: "review", target: "draft" },
  { source: "review", target: "publish" },
  { source: "plan", target: "side" },
];
// draft and review folded into one group; publish drawn.
const boxes = new Map([
  ["draft", "group:role:llm"],
  ["review", "group:role:llm"],
]);
const boxOf = (id: string) => boxes.get(id);

describe("liftHighlight", () => {
  it("returns the highlight itself when none of its nodes is folded", () => {
    const highlight = { nodeIds: new Set(["plan", "side"]), edgeKeys: new Set(["plan->side"]) };
    expect(liftHighlight(highlight, edges, boxOf)).toBe(highlight);
  });

  it("lights the box of a folded node and the merged edges into and out of it", () => {
    const highlight = { nodeIds: new Set(["plan", "draft", "review", "publish"]), edgeKeys: new Set(["plan->draft", "draft->review", "review->publish"]) };
    const lifted = liftHighlight(highlight, edges, boxOf);
    expect([...lifted.nodeIds].sort()).toEqual(["group:role:llm", "plan", "publish"]);
    // draft->review is inside the box: no drawn edge to light.
    expect([...lifted.edgeKeys].sort()).toEqual(["group:role:llm->publish", "plan->group:role:llm"]);
  });

  it("keeps a self-loop of a drawn node and leaves edges off the lineage dark", () => {
    const highlight = { nodeIds: new Set(["draft", "loop"]), edgeKeys: new Set(["loop->loop"]) };
    const lifted = liftHighlight(highlight, [...edges, { source: "loop", target: "loop" }], boxOf);
    expect([...lifted.nodeIds].sort()).toEqual(["group:role:llm", "loop"]);
    expect([...lifted.edgeKeys]).toEqual(["loop->loop"]);
  });
});
