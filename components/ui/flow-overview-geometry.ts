// Pure geometry of the graph overview (flow-overview.tsx): where the graph and the view sit in a small box.

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** React Flow's viewport: flow point p shows at p * zoom + (x, y) on screen. */
export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** The smallest rectangle holding every rect; null for none. O(n). */
export function boundsOf(rects: Iterable<Rect>): Rect | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const r of rects) {
    x0 = Math.min(x0, r.x);
    y0 = Math.min(y0, r.y);
    x1 = Math.max(x1, r.x + r.width);
    y1 = Math.max(y1, r.y + r.height);
  }
  return x0 === Infinity ? null : { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/** The part of the flow a screen of `width` × `height` shows at `viewport`. */
export function visibleArea(viewport: Viewport, width: number, height: number): Rect {
  return { x: -viewport.x / viewport.zoom, y: -viewport.y / viewport.zoom, width: width / viewport.zoom, height: height / viewport.zoom };
}

/** How flow coordinates map into a box of `boxWidth` × `boxHeight`: `graph` centred at one scale, with `padding` (box pixels) around it. */
export interface OverviewScale {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export function overviewScale(graph: Rect, boxWidth: number, boxHeight: number, padding: number): OverviewScale {
  const innerW = Math.max(1, boxWidth - 2 * padding);
  const innerH = Math.max(1, boxHeight - 2 * padding);
  const scale = Math.min(innerW / Math.max(graph.width, 1), innerH / Math.max(graph.height, 1));
  return {
    scale,
    offsetX: (boxWidth - graph.width * scale) / 2 - graph.x * scale,
    offsetY: (boxHeight - graph.height * scale) / 2 - graph.y * scale,
  };
}

/** A flow rect in box pixels. */
export const toBox = (r: Rect, s: OverviewScale): Rect => ({ x: r.x * s.scale + s.offsetX, y: r.y * s.scale + s.offsetY, width: r.width * s.scale, height: r.height * s.scale });

/** The flow point under box pixel (bx, by). */
export const toFlow = (bx: number, by: number, s: OverviewScale): { x: number; y: number } => ({ x: (bx - s.offsetX) / s.scale, y: (by - s.offsetY) / s.scale });

/** The viewport that puts flow point `center` in the middle of a `width` × `height` screen at `zoom`. */
export const centredOn = (center: { x: number; y: number }, zoom: number, width: number, height: number): Viewport => ({
  x: width / 2 - center.x * zoom,
  y: height / 2 - center.y * zoom,
  zoom,
});
