import { setFlagsFromString } from "node:v8";

/** Longest custom pattern accepted: long enough for real formats, short enough to read in Settings. */
export const MAX_PATTERN_LENGTH = 256;

let linearEngine: boolean | null = null;

/**
 * Custom patterns run on V8's linear-time regexp engine (the `l` flag, no backtracking): a tenant's
 * pattern cannot stall ingest however it is written. The engine is built into Node but behind a
 * V8 flag, set here before the first pattern is compiled; if a Node release drops it, custom
 * patterns are refused rather than run on the backtracking engine.
 */
function linearEngineAvailable(): boolean {
  if (linearEngine === null) {
    try {
      setFlagsFromString("--enable-experimental-regexp-engine");
      linearEngine = new RegExp("a", "l").flags.includes("l");
    } catch {
      linearEngine = false;
    }
  }
  return linearEngine;
}

export type CompiledPattern = { ok: true; regex: RegExp } | { ok: false; reason: string };

/** A custom pattern as a global linear-time RegExp, or why it cannot be one. */
export function compileCustomPattern(pattern: string): CompiledPattern {
  if (pattern.length === 0) return { ok: false, reason: "must not be empty" };
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, reason: `must be at most ${MAX_PATTERN_LENGTH} characters` };
  if (!linearEngineAvailable()) return { ok: false, reason: "custom patterns need V8's linear-time regexp engine, which this Node.js does not have" };
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, "gl");
  } catch (error) {
    // The linear engine refuses backreferences, lookarounds and the i/u flags with this same error.
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: /linear time/.test(message) ? "uses what a linear-time engine cannot run (backreferences, lookahead or lookbehind)" : "is not a valid regular expression" };
  }
  regex.lastIndex = 0;
  const empty = regex.exec("");
  regex.lastIndex = 0;
  if (empty !== null) return { ok: false, reason: "must not match empty text" };
  return { ok: true, regex };
}
