import { describe, expect, it } from "vitest";
import { replayFocus } from "@/lib/runs/replay/focus";
import { dequeue, enqueue, makeLedgerEvent } from "@/lib/runs/replay/testing";

describe("replayFocus", () => {
  it("an enqueue between two nodes: the target is active and the token travels the edge", () => {
    const focus = replayFocus(enqueue(0, "t1", "draft", "review"), 7);
    expect(focus).toMatchObject({ index: 7, phase: "enqueue", node: "review", edge: { source: "draft", target: "review", key: "draft->review" }, tokenId: "t1" });
    expect([...focus.nodes]).toEqual(["review", "draft"]);
  });

  it("a dequeue names the same edge, leaving the queue", () => {
    expect(replayFocus(dequeue(0, "t1", "review", "draft"), 0)).toMatchObject({ phase: "dequeue", node: "draft", edge: { key: "review->draft" } });
  });

  it("an entry token has no edge, only its target", () => {
    const focus = replayFocus(enqueue(0, "t0", "__entry__", "draft"), 0);
    expect(focus).toMatchObject({ node: "draft", edge: null });
    expect([...focus.nodes]).toEqual(["draft"]);
  });

  it("other events focus the node they name", () => {
    expect(replayFocus(makeLedgerEvent(0, { eventType: "node_completed", sourceNode: "draft" }), 0)).toMatchObject({ phase: "completed", node: "draft", edge: null });
    expect(replayFocus(makeLedgerEvent(0, { eventType: "node_failed", sourceNode: "tool" }), 0)).toMatchObject({ phase: "failed", node: "tool" });
    expect(replayFocus(makeLedgerEvent(0, { eventType: "review_verdict", sourceNode: "review" }), 0)).toMatchObject({ phase: "event", node: "review" });
    expect(replayFocus(makeLedgerEvent(0, { eventType: "runtime_stopped", sourceNode: "__entry__", targetNode: "plan" }), 0)).toMatchObject({ phase: "stopped", node: "plan" });
    const bare = replayFocus(makeLedgerEvent(0), 0);
    expect(bare.node).toBeNull();
    expect(bare.nodes.size).toBe(0);
  });
});
