import { describe, expect, it } from "vitest";
import { Position, type Node, type NodeProps } from "@xyflow/react";
import { keepUnchanged, sameCardContent } from "@/components/ui/flow-node-reuse";

type Card = Node<{ shows: { name: string } }, "card">;

const shown = { a: { name: "a" }, b: { name: "b" }, c: { name: "c" } };
const card = (id: keyof typeof shown, x: number, y = 0, shows = shown[id]): Card => ({ id, type: "card", position: { x, y }, data: { shows } });
const byId = (nodes: readonly Card[]) => new Map(nodes.map((n) => [n.id, n]));
const sameShown = (before: Card, after: Card) => before.data.shows === after.data.shows;

describe("keepUnchanged", () => {
  it("hands back the same node when it shows the same thing at the same place", () => {
    const before = [card("a", 0), card("b", 100)];
    const next = keepUnchanged([card("a", 0), card("b", 100)], byId(before), sameShown);
    expect(next[0]).toBe(before[0]);
    expect(next[1]).toBe(before[1]);
  });

  it("moves a node that only moved, keeping its data object", () => {
    const before = [card("a", 0), card("b", 100)];
    const next = keepUnchanged([card("a", 0), card("b", 300, 40)], byId(before), sameShown);
    expect(next[1]).not.toBe(before[1]);
    expect(next[1]!.position).toEqual({ x: 300, y: 40 });
    expect(next[1]!.data).toBe(before[1]!.data);
  });

  it("takes the new node when what it shows changed, it is new, or its handles turned", () => {
    const before = [card("a", 0), card("b", 100)];
    const newer = { name: "b" };
    const turned = { ...card("a", 0), sourcePosition: Position.Bottom };
    const next = [turned, card("b", 100, 0, newer), card("c", 200)];
    const kept = keepUnchanged(next, byId(before), sameShown);
    kept.forEach((n, i) => expect(n).toBe(next[i]));
  });
});

describe("sameCardContent", () => {
  const props = (data: Card["data"], x: number): NodeProps<Card> => ({
    id: "a",
    type: "card",
    data,
    dragging: false,
    zIndex: 0,
    selectable: false,
    deletable: false,
    selected: false,
    draggable: false,
    isConnectable: false,
    positionAbsoluteX: x,
    positionAbsoluteY: 0,
    sourcePosition: Position.Right,
    targetPosition: Position.Left,
  });

  it("ignores a move and sees a change of data or handle side", () => {
    const data = { shows: shown.a };
    expect(sameCardContent(props(data, 0), props(data, 500))).toBe(true);
    expect(sameCardContent(props(data, 0), props({ shows: shown.a }, 0))).toBe(false);
    expect(sameCardContent(props(data, 0), { ...props(data, 0), sourcePosition: Position.Bottom })).toBe(false);
  });
});
