// Two node payloads (inputs or outputs, as the SDK recorded them: text, often JSON) → the lines
// of a unified diff. Pure, so the page only renders what this returns.

import { diffJson, diffLines, type Change } from "diff";

export type LineKind = "added" | "removed" | "same";

export interface DiffLine {
  kind: LineKind;
  text: string;
  /** 1-based line numbers in side a / side b; null on the side the line is not in. */
  lineA: number | null;
  lineB: number | null;
}

export interface PayloadDiff {
  /** `json`: both sides parsed as JSON objects or arrays and were diffed as values (keys sorted). */
  mode: "json" | "text";
  lines: DiffLine[];
  /** The sides were too far apart to diff within the budget: a is shown removed, b added, in full. */
  gaveUp: boolean;
  changed: boolean;
}

/** Beyond this edit distance (in lines) diffing gets slow; payloads that far apart are shown whole. */
const MAX_EDIT_LENGTH = 1000;

type Parsed = { json: true; value: unknown } | { json: false; text: string };

/** Only objects and arrays count as JSON: a bare string or number diffs better as its text. */
export function parsePayload(text: string | null): Parsed {
  const raw = text ?? "";
  const trimmed = raw.trim();
  if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
    try {
      return { json: true, value: JSON.parse(trimmed) as unknown };
    } catch {
      // Not JSON after all: diff it as text.
    }
  }
  return { json: false, text: raw };
}

/** The text a side shows: JSON pretty-printed, anything else as recorded. */
export function prettyPayload(text: string | null): string {
  const parsed = parsePayload(text);
  return parsed.json ? JSON.stringify(parsed.value, null, 2) : parsed.text;
}

/** A trailing newline on both sides, so a last line without one does not read as changed. */
const withNewline = (text: string) => (text === "" || text.endsWith("\n") ? text : `${text}\n`);

function splitLines(value: string): string[] {
  const lines = value.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function toLines(changes: Change[]): DiffLine[] {
  const lines: DiffLine[] = [];
  let lineA = 0;
  let lineB = 0;
  for (const change of changes) {
    const kind: LineKind = change.added ? "added" : change.removed ? "removed" : "same";
    for (const text of splitLines(change.value)) {
      if (kind !== "added") lineA += 1;
      if (kind !== "removed") lineB += 1;
      lines.push({ kind, text, lineA: kind === "added" ? null : lineA, lineB: kind === "removed" ? null : lineB });
    }
  }
  return lines;
}

/** Side a against side b; null (nothing recorded) diffs as empty text. */
export function diffPayloads(a: string | null, b: string | null): PayloadDiff {
  const parsedA = parsePayload(a);
  const parsedB = parsePayload(b);
  const mode = parsedA.json && parsedB.json ? "json" : "text";
  const oldText = withNewline(prettyPayload(a));
  const newText = withNewline(prettyPayload(b));
  const options = { maxEditLength: MAX_EDIT_LENGTH };
  // diffJson sorts keys, so two objects that differ only in key order compare equal.
  const changes =
    parsedA.json && parsedB.json
      ? diffJson(parsedA.value as object, parsedB.value as object, options)
      : diffLines(oldText, newText, options);
  const gaveUp = changes === undefined;
  const lines = toLines(
    changes ?? [
      { value: oldText, added: false, removed: true, count: 0 },
      { value: newText, added: true, removed: false, count: 0 },
    ],
  );
  return { mode, lines, gaveUp, changed: lines.some((line) => line.kind !== "same") };
}

/** One side alone (the other did not run the node): every line unchanged. */
export function singleSideLines(text: string | null): DiffLine[] {
  return splitLines(withNewline(prettyPayload(text))).map((line, index) => ({ kind: "same", text: line, lineA: index + 1, lineB: index + 1 }));
}

export type DiffRow = { type: "line"; line: DiffLine } | { type: "skip"; lines: DiffLine[] };

/**
 * Long unchanged stretches folded away, keeping `context` lines next to each change, the way a
 * unified diff reads. A diff without changes is left whole: there is nothing to point at.
 */
export function foldUnchanged(lines: DiffLine[], context = 3, minFold = 4): DiffRow[] {
  if (!lines.some((line) => line.kind !== "same")) return lines.map((line) => ({ type: "line", line }));
  const rows: DiffRow[] = [];
  let index = 0;
  while (index < lines.length) {
    const line = lines[index]!;
    if (line.kind !== "same") {
      rows.push({ type: "line", line });
      index += 1;
      continue;
    }
    let end = index;
    while (end < lines.length && lines[end]!.kind === "same") end += 1;
    const keepStart = index === 0 ? 0 : context;
    const keepEnd = end === lines.length ? 0 : context;
    const run = lines.slice(index, end);
    if (run.length - keepStart - keepEnd >= minFold) {
      for (const kept of run.slice(0, keepStart)) rows.push({ type: "line", line: kept });
      rows.push({ type: "skip", lines: run.slice(keepStart, run.length - keepEnd) });
      for (const kept of run.slice(run.length - keepEnd)) rows.push({ type: "line", line: kept });
    } else {
      for (const kept of run) rows.push({ type: "line", line: kept });
    }
    index = end;
  }
  return rows;
}
