import { describe, expect, it } from "vitest";
import { boundsOf, centredOn, overviewScale, toBox, toFlow, visibleArea } from "@/components/ui/flow-overview-geometry";

describe("flow overview geometry", () => {
  it("bounds every node, and none for no nodes", () => {
    expect(boundsOf([])).toBeNull();
    expect(
      boundsOf([
        { x: 10, y: 20, width: 100, height: 50 },
        { x: -40, y: 300, width: 10, height: 10 },
      ]),
    ).toEqual({ x: -40, y: 20, width: 150, height: 290 });
  });

  it("fits the graph into the box at one scale, centred, and maps both ways", () => {
    const graph = { x: 100, y: 0, width: 1000, height: 250 };
    const s = overviewScale(graph, 200, 150, 10);
    // Width limits: 180 px for 1,000 flow px.
    expect(s.scale).toBeCloseTo(0.18);
    const box = toBox(graph, s);
    expect(box.x).toBeCloseTo(10);
    expect(box.width).toBeCloseTo(180);
    expect(box.y + box.height / 2).toBeCloseTo(75);
    const p = toFlow(box.x + box.width, box.y, s);
    expect(p.x).toBeCloseTo(1100);
    expect(p.y).toBeCloseTo(0);
  });

  it("finds what the screen shows, and the viewport that centres a point", () => {
    const view = { x: -200, y: 50, zoom: 2 };
    expect(visibleArea(view, 800, 600)).toEqual({ x: 100, y: -25, width: 400, height: 300 });
    const centred = centredOn({ x: 300, y: 125 }, 2, 800, 600);
    const area = visibleArea(centred, 800, 600);
    expect(area.x + area.width / 2).toBeCloseTo(300);
    expect(area.y + area.height / 2).toBeCloseTo(125);
  });
});
