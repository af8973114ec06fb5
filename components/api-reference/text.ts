// The document's descriptions are plain text with `code` spans and blank-line paragraphs.

export interface TextSegment {
  text: string;
  code: boolean;
}

/** Paragraphs split on blank lines, trimmed, empty ones dropped. */
export const paragraphs = (text: string) => text.split(/\n[ \t]*\n/).map((p) => p.trim()).filter(Boolean);

/** Plain text and `code` spans in order; an unmatched backtick stays text. */
export function inlineSegments(text: string): TextSegment[] {
  return text
    .split(/(`[^`]+`)/)
    .filter(Boolean)
    .map((part) => (part.length > 2 && part.startsWith("`") && part.endsWith("`") ? { text: part.slice(1, -1), code: true } : { text: part, code: false }));
}

export interface PathSegment {
  text: string;
  /** A `{param}` template: `text` is the name without braces. */
  param: boolean;
}

export function pathSegments(path: string): PathSegment[] {
  return path
    .split(/(\{[^}]+\})/)
    .filter(Boolean)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? { text: part.slice(1, -1), param: true } : { text: part, param: false }));
}
