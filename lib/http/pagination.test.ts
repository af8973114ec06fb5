import { describe, expect, it } from "vitest";
import { ParamError } from "@/lib/http/params";
import { compareKeys, encodePageCursor, pageAfter, parsePageParams, type Page, type SortOrder } from "@/lib/http/pagination";

interface Row {
  name: string;
  seen: string;
  tokens: number;
}

// Most recently seen first, then by name: the order of the workloads list.
const ORDER: SortOrder<Row> = { key: (row) => [row.seen, row.name], directions: ["desc", "asc"] };
const rows: Row[] = [
  { name: "b", seen: "2026-11-21", tokens: 5 },
  { name: "c", seen: "2026-11-21", tokens: 3 },
  { name: "a", seen: "2026-11-20", tokens: 9 },
  { name: "d", seen: "2026-11-19", tokens: 1 },
  { name: "e", seen: "2026-11-18", tokens: 1 },
];
const params = (query: string) => parsePageParams(new URLSearchParams(query), { fallback: 2, max: 3 });

describe("pageAfter", () => {
  it("walks the list page by page with the cursors it returns, each item once", () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page<Row> = pageAfter(rows, params(cursor ? `cursor=${cursor}` : ""), ORDER);
      seen.push(...page.items.map((row) => row.name));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(["b", "c", "a", "d", "e"]);
    expect(pages).toBe(3);
  });

  it("starts after the cursor's key even when that item is gone or rows were added before it", () => {
    const cursor = encodePageCursor(["2026-11-21", "c"]);
    const changed = [{ name: "z", seen: "2026-11-22", tokens: 0 }, ...rows.filter((row) => row.name !== "c")];
    expect(pageAfter(changed, params(`cursor=${cursor}&limit=3`), ORDER).items.map((row) => row.name)).toEqual(["a", "d", "e"]);
  });

  it("has no next cursor on the last page, and an empty page past the end", () => {
    expect(pageAfter(rows, params("limit=3&cursor=" + encodePageCursor(["2026-11-20", "a"])), ORDER)).toEqual({ items: rows.slice(3), nextCursor: null });
    expect(pageAfter(rows, params("cursor=" + encodePageCursor(["2000-01-01", "z"])), ORDER).items).toEqual([]);
  });

  it("refuses cursors of another shape, garbage, and limits out of range with 400-style errors", () => {
    expect(() => pageAfter(rows, params("cursor=" + encodePageCursor([1, "a"])), ORDER)).toThrow(ParamError);
    expect(() => pageAfter(rows, params("cursor=" + encodePageCursor(["x"])), ORDER)).toThrow(/not a cursor this API returned/);
    expect(() => params("cursor=%%%")).toThrow(ParamError);
    expect(() => params("cursor=" + Buffer.from('{"a":1}').toString("base64url"))).toThrow(ParamError);
    expect(() => params("limit=4")).toThrow(/limit: must be an integer from 1 to 3/);
    expect(() => params("limit=0")).toThrow(ParamError);
  });
});

describe("compareKeys", () => {
  it("compares numbers as numbers and honours each direction", () => {
    expect(compareKeys([10, "a"], [9, "a"], ["desc", "asc"])).toBeLessThan(0);
    expect(compareKeys([9, "b"], [9, "a"], ["desc", "asc"])).toBeGreaterThan(0);
    expect(compareKeys([9, "a"], [9, "a"], ["desc", "asc"])).toBe(0);
  });
});
