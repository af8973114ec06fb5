import { describe, expect, it } from "vitest";
import { diffPayloads, foldUnchanged, parsePayload, prettyPayload, singleSideLines, type DiffLine } from "@/components/compare/run-compare/payload-diff";

const kinds = (lines: DiffLine[]) => lines.map((line) => `${line.kind === "added" ? "+" : line.kind === "removed" ? "-" : " "}${line.text}`);
const same = (count: number): DiffLine[] => Array.from({ length: count }, (_, i) => ({ kind: "same", text: `s${i}`, lineA: i + 1, lineB: i + 1 }));
const changed = (text: string): DiffLine => ({ kind: "added", text, lineA: null, lineB: 1 });

describe("parsePayload", () => {
  it("parses objects and arrays only", () => {
    expect(parsePayload(' {"a": 1} ')).toEqual({ json: true, value: { a: 1 } });
    expect(parsePayload("[1, 2]")).toEqual({ json: true, value: [1, 2] });
    expect(parsePayload("42")).toEqual({ json: false, text: "42" });
    expect(parsePayload('"quoted"')).toEqual({ json: false, text: '"quoted"' });
  });

  it("keeps text that only looks like JSON, and null as empty", () => {
    expect(parsePayload("{not json")).toEqual({ json: false, text: "{not json" });
    expect(parsePayload(null)).toEqual({ json: false, text: "" });
  });

  it("pretty-prints JSON", () => {
    expect(prettyPayload('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(prettyPayload("plain")).toBe("plain");
  });
});

describe("diffPayloads", () => {
  it("diffs JSON as values, ignoring key order", () => {
    const diff = diffPayloads('{"b": 2, "a": 1}', '{"a":1,"b":2}');
    expect(diff.mode).toBe("json");
    expect(diff.changed).toBe(false);
    expect(kinds(diff.lines)).toEqual([" {", '   "a": 1,', '   "b": 2', " }"]);
  });

  it("marks a changed JSON field as one removed and one added line", () => {
    const diff = diffPayloads('{"query":"cats","limit":5}', '{"query":"dogs","limit":5}');
    expect(diff.changed).toBe(true);
    expect(kinds(diff.lines)).toEqual([" {", '   "limit": 5,', '-  "query": "cats"', '+  "query": "dogs"', " }"]);
  });

  it("diffs text line by line, a missing final newline not counting as a change", () => {
    const diff = diffPayloads("one\ntwo", "one\ntwo\nthree\n");
    expect(diff.mode).toBe("text");
    expect(kinds(diff.lines)).toEqual([" one", " two", "+three"]);
  });

  it("numbers lines on each side", () => {
    const diff = diffPayloads("a\nb\nc", "a\nx\nc");
    expect(diff.lines.map((line) => [line.lineA, line.lineB])).toEqual([
      [1, 1],
      [2, null],
      [null, 2],
      [3, 3],
    ]);
  });

  it("diffs JSON against text as pretty-printed text", () => {
    const diff = diffPayloads('{"a":1}', "plain");
    expect(diff.mode).toBe("text");
    expect(kinds(diff.lines)).toEqual(["-{", '-  "a": 1', "-}", "+plain"]);
  });

  it("treats nothing recorded as empty", () => {
    expect(kinds(diffPayloads(null, "hello").lines)).toEqual(["+hello"]);
    expect(diffPayloads(null, null)).toMatchObject({ lines: [], changed: false, gaveUp: false });
  });

  it("gives up on sides too far apart and shows both whole", () => {
    const a = Array.from({ length: 5000 }, (_, i) => `a${i}`).join("\n");
    const b = Array.from({ length: 5000 }, (_, i) => `b${i}`).join("\n");
    const diff = diffPayloads(a, b);
    expect(diff.gaveUp).toBe(true);
    expect(diff.lines).toHaveLength(10_000);
    expect(diff.lines[0]).toEqual({ kind: "removed", text: "a0", lineA: 1, lineB: null });
    expect(diff.lines[5000]).toEqual({ kind: "added", text: "b0", lineA: null, lineB: 1 });
  });
});

describe("singleSideLines", () => {
  it("shows one side's pretty text unchanged", () => {
    expect(kinds(singleSideLines('{"a":1}'))).toEqual([" {", '   "a": 1', " }"]);
    expect(singleSideLines(null)).toEqual([]);
  });
});

describe("foldUnchanged", () => {
  it("leaves a diff without changes whole", () => {
    expect(foldUnchanged(same(20)).every((row) => row.type === "line")).toBe(true);
  });

  it("folds long unchanged stretches, keeping context next to changes", () => {
    const lines = [...same(10), changed("x"), ...same(12), changed("y"), ...same(2)];
    const rows = foldUnchanged(lines, 3, 4);
    const shape = rows.map((row) => (row.type === "skip" ? `skip ${row.lines.length}` : row.line.text));
    expect(shape).toEqual(["skip 7", "s7", "s8", "s9", "x", "s0", "s1", "s2", "skip 6", "s9", "s10", "s11", "y", "s0", "s1"]);
  });

  it("does not fold a stretch shorter than the minimum", () => {
    const rows = foldUnchanged([changed("x"), ...same(8), changed("y")], 3, 4);
    expect(rows.every((row) => row.type === "line")).toBe(true);
  });
});
