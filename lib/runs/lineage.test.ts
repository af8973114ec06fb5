import { describe, expect, it } from "vitest";
import { tokenLineage } from "@/lib/runs/lineage";
import type { LedgerEvent } from "@/lib/runs/types";

let sequence = 0;
function enqueue(tokenId: string, parentTokenId: string | null, sourceNode: string, targetNode: string, lineage: string[] = []): LedgerEvent {
  sequence += 1;
  return { id: String(sequence), eventType: "token_enqueued", timestamp: "", timeUnixNano: String(sequence), tokenId, parentTokenId, sourceNode, targetNode, lineage, metadata: {} };
}

describe("tokenLineage", () => {
  const events = [
    enqueue("t1", null, "__entry__", "planner"),
    enqueue("t2", "t1", "planner", "researcher"),
    enqueue("t3", "t2", "researcher", "writer"),
    enqueue("x1", "t1", "planner", "critic"),
  ];

  it("follows a token's parents back to the entry", () => {
    const lineage = tokenLineage(events, "t3");
    expect([...lineage.nodeIds].sort()).toEqual(["planner", "researcher", "writer"]);
    expect([...lineage.edgeKeys].sort()).toEqual(["planner->researcher", "researcher->writer"]);
  });

  it("leaves out sibling branches", () => {
    expect([...tokenLineage(events, "x1").nodeIds].sort()).toEqual(["critic", "planner"]);
  });

  it("uses the lineage list when parent ids are missing", () => {
    const lineage = tokenLineage([enqueue("k", null, "b", "c", ["a", "b", "c"])], "k");
    expect([...lineage.edgeKeys].sort()).toEqual(["a->b", "b->c"]);
    expect(lineage.nodeIds.size).toBe(3);
  });

  it("stops on a parent cycle and returns nothing for an unknown token", () => {
    const cyclic = [enqueue("a", "b", "n1", "n2"), enqueue("b", "a", "n2", "n1")];
    expect(tokenLineage(cyclic, "a").nodeIds.size).toBe(2);
    expect(tokenLineage(events, "nope").nodeIds.size).toBe(0);
  });
});
