type Level = "info" | "warn" | "error";
type Fields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(message: string, fields?: Fields): void;
  warn(message: string, fields?: Fields): void;
  error(message: string, fields?: Fields): void;
}

// C0 and C1 controls, DEL, line and paragraph separators, and bidi overrides: a URL or header
// carrying them could forge log lines, move the cursor or reorder what a reader sees.
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Control characters as `\uXXXX`, so a logged value stays on its line and reads as sent. */
export function escapeControls(text: string, keep = ""): string {
  return text.replace(UNSAFE, (c) => (keep.includes(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));
}

const HAS_UNSAFE = new RegExp(UNSAFE.source);

function value(v: string | number | boolean | null): string {
  if (typeof v !== "string") return String(v);
  // Quoted (backslashes and quotes escaped first, then controls) when it could be mistaken for
  // more fields or holds escapes: `\u000a` in a quoted value is always an escaped character.
  if (/[\s"=\\]/.test(v) || HAS_UNSAFE.test(v) || v === "") return `"${escapeControls(v.replace(/\\/g, "\\\\").replace(/"/g, '\\"'))}"`;
  return v;
}

function format(level: Level, scope: string, message: string, fields?: Fields): string {
  const extra = fields
    ? Object.entries(fields)
        .filter((entry): entry is [string, string | number | boolean | null] => entry[1] !== undefined)
        .map(([k, v]) => `${escapeControls(k)}=${value(v)}`)
        .join(" ")
    : "";
  return `${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${scope}] ${escapeControls(message, "\n")}${extra ? ` ${extra}` : ""}`;
}

/**
 * One line per event, greppable by scope and key=value fields. Request data (URLs, parameters,
 * headers) goes in fields, where every control character is escaped; messages are the code's
 * own words and may span lines (a start-up failure's stack).
 */
export function createLogger(scope: string): Logger {
  return {
    info: (message, fields) => console.log(format("info", scope, message, fields)),
    warn: (message, fields) => console.warn(format("warn", scope, message, fields)),
    error: (message, fields) => console.error(format("error", scope, message, fields)),
  };
}
