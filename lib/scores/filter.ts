import { SCORE_LIMITS } from "@/lib/scores/limits";
import type { ScoreFilter } from "@/lib/scores/types";

// The runs list's score filter, typed as `score:helpfulness < 3`, `score:grounded = false`,
// `score:tone = rude` or `score:"answer quality" >= 0.5`. The API's `score` parameter holds the
// text after `score:`. Pure and client-safe: the filter bar checks the text before sending it.

export const SCORE_PREFIX = "score:";
/** Score filters a runs list query may carry; a run must match all of them. */
export const MAX_SCORE_FILTERS = 3;
export const SCORE_OPERATORS: readonly ScoreFilter["op"][] = ["<", "<=", ">", ">=", "=", "!="];

/** A quoted name of 256 characters, each escaped, plus an operator and a quoted label. */
const MAX_TEXT = 4 * SCORE_LIMITS.name + 16;
const OPERATOR_LIST = "< <= > >= = or !=";
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const NOT_FINITE = /^[+-]?(?:infinity|nan)$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
/** Characters a name or label must be quoted to contain. */
const NEEDS_QUOTES = /[\s<>=!"]/;

/** `text` without its `score:` prefix (trimmed), or null when it is not a score filter. */
export function stripScorePrefix(text: string): string | null {
  const trimmed = text.trim();
  return trimmed.toLowerCase().startsWith(SCORE_PREFIX) ? trimmed.slice(SCORE_PREFIX.length).trim() : null;
}

/** What is wrong with a filter's text (the runs list's parameter parser turns it into a 400 naming `score`; the search box shows it). */
export class ScoreFilterError extends Error {
  override name = "ScoreFilterError";
}
const syntax = (message: string) => new ScoreFilterError(message);

/**
 * Parses `name op value`, the text after `score:`. A name with spaces (or < > = ! ") is quoted,
 * `\"` and `\\` escaping inside quotes. The value is a finite number, true / false (1 / 0), or a
 * label (only with = and !=; quoted when it has spaces or reads as a number). A run matches when
 * one of its scores of that name compares true: numbers against the value (a boolean's is 1 / 0),
 * labels against the label. Throws ScoreFilterError saying what is wrong. Kept free of server
 * modules: the runs list's search box parses with it in the browser.
 */
export function parseScoreFilter(text: string): ScoreFilter {
  return parse(text.trim());
}

function parse(source: string): ScoreFilter {
  if (source === "") throw syntax("is empty: give a score name, an operator and a value, e.g. helpfulness < 3");
  if (source.length > MAX_TEXT) throw syntax(`longer than ${MAX_TEXT} characters`);
  if (CONTROL.test(source)) throw syntax("contains a control character");
  const name = readName(source);
  const rest = source.slice(name.end).trimStart();
  const op = /^[<>=!]+/.exec(rest)?.[0];
  if (!op) {
    const before = rest.split(/[<>=!]/)[0]!.trim();
    if (rest === "" || before === rest) throw syntax(`expected an operator after "${name.text}": use ${OPERATOR_LIST}`);
    throw syntax(`expected an operator after "${name.text}"; a name with spaces is quoted: "${name.text} ${before}"`);
  }
  if (!isOperator(op)) throw syntax(`"${op}" is not an operator: use ${OPERATOR_LIST}`);
  const value = rest.slice(op.length).trim();
  if (value === "") throw syntax(`nothing to compare with after ${op}`);
  return { name: name.text, op, value: readValue(value, op) };
}

const isOperator = (op: string): op is ScoreFilter["op"] => (SCORE_OPERATORS as readonly string[]).includes(op);

interface Token {
  text: string;
  /** Where it ends in the source (after its closing quote, if quoted). */
  end: number;
}

function readName(source: string): Token {
  const bare = /^[^\s<>=!"]+/.exec(source)?.[0];
  if (!bare && !source.startsWith('"')) throw syntax(`starts with "${source[0]}": begin with a score name, e.g. helpfulness < 3`);
  const token = bare ? { text: bare, end: bare.length } : readQuoted(source, "name");
  const text = token.text.trim();
  if (text === "") throw syntax("the score name is empty");
  if (text.length > SCORE_LIMITS.name) throw syntax(`the score name is longer than ${SCORE_LIMITS.name} characters`);
  return { text, end: token.end };
}

/** A double-quoted string at the start of `source`, `\"` and `\\` escaped. */
function readQuoted(source: string, what: "name" | "label"): Token {
  let text = "";
  for (let i = 1; i < source.length; i++) {
    const char = source[i]!;
    if (char === '"') return { text, end: i + 1 };
    if (char === "\\" && (source[i + 1] === '"' || source[i + 1] === "\\")) text += source[++i];
    else text += char;
  }
  throw syntax(`the quoted ${what} has no closing quote`);
}

function readValue(raw: string, op: ScoreFilter["op"]): number | string {
  if (/^(?:true|false)$/i.test(raw)) return raw.toLowerCase() === "true" ? 1 : 0;
  if (NUMBER.test(raw)) {
    const value = Number(raw);
    if (!Number.isFinite(value)) throw syntax(`${raw} is not a finite number`);
    return value;
  }
  const labels = op === "=" || op === "!=";
  if (NOT_FINITE.test(raw)) throw syntax(`${raw} is not a finite number${labels ? "; quote it to compare a label" : ""}`);
  if (!labels) throw syntax(`${raw} is not a number: ${op} compares numbers (labels compare with = or !=)`);
  let label = raw;
  if (raw.startsWith('"')) {
    const token = readQuoted(raw, "label");
    if (token.end < raw.length) throw syntax(`unexpected text after the quoted label: ${raw.slice(token.end).trim()}`);
    label = token.text.trim();
    if (label === "") throw syntax("the label is empty");
  } else if (NEEDS_QUOTES.test(raw)) {
    throw syntax(`a label with spaces or < > = ! " is quoted: "${raw.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`);
  }
  if (label.length > SCORE_LIMITS.label) throw syntax(`the label is longer than ${SCORE_LIMITS.label} characters`);
  return label;
}
