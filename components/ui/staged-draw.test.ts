import { describe, expect, it } from "vitest";
import type { Node } from "@xyflow/react";
import { FIRST_FRAME_CARDS, laterCards } from "@/components/ui/staged-draw";

// Only ids matter to laterCards.
const cards = (ids: string[]) => ids.map((id) => ({ id }) as Node);
const byId = (nodes: Node[]) => new Map(nodes.map((n) => [n.id, n]));
const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe("laterCards", () => {
  it("draws the first draw whole, however many cards it has", () => {
    expect(laterCards(cards(ids("a", 60)), new Map()).size).toBe(0);
  });

  it("leaves the added cards past the first FIRST_FRAME_CARDS, in order, for the next frame", () => {
    const drawn = cards(ids("old", 5));
    const next = cards([...ids("old", 5), ...ids("new", 50)]);
    expect([...laterCards(next, byId(drawn))]).toEqual(ids("new", 50).slice(FIRST_FRAME_CARDS));
  });

  it("leaves nothing when a change adds FIRST_FRAME_CARDS or fewer", () => {
    const drawn = cards(ids("old", 5));
    expect(laterCards(cards([...ids("old", 3), ...ids("new", FIRST_FRAME_CARDS)]), byId(drawn)).size).toBe(0);
  });
});
