import { ExportLimitError, type DecodeLimits } from "@/collector/decode/limits";
import { DecodeError } from "@/collector/decode/model";
import type { Steps } from "@/collector/decode/slices";

/**
 * JSON.parse in steps, over the UTF-8 bytes. One JSON.parse of a 17 MB export holds the event
 * loop ~400 ms, and so does making it one string (decoding, or flattening a string built in
 * pieces); here containers smaller than CHUNK (a span, typically) are decoded and parsed whole,
 * and larger ones (the envelope and its span arrays) are walked member by member, yielding in
 * between. First a linear pass, itself in steps, counts containers against the limits (JSON.parse
 * would build them all before anything could count them) and notes where each large container
 * ends, so the walk never rescans one. Scanning bytes is safe: in UTF-8 every byte of a
 * multi-byte character is >= 0x80, so none looks like a quote, backslash or bracket.
 */
const CHUNK = 64 * 1024;
/** OTLP/JSON spends a few containers per value (KeyValue, AnyValue, `values`...): generous for real exports. */
const CONTAINERS_PER_VALUE = 4;
const SCAN_STEP = 256 * 1024;
const ENVELOPE_DEPTH = 16;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const malformed = (detail: string): never => {
  throw new DecodeError(`malformed JSON: ${detail}`, "JSON");
};

/** The index pass: the end (inclusive) of every container at least CHUNK long, by its start. */
function* indexLarge(text: Uint8Array, limits: DecodeLimits): Steps<Map<number, number>> {
  const max = limits.maxValuesPerExport * CONTAINERS_PER_VALUE;
  // The envelope's levels, then up to three containers per AnyValue level ({arrayValue: {values: [...]}}).
  const maxDepth = ENVELOPE_DEPTH + 3 * limits.maxAnyValueDepth;
  const large = new Map<number, number>();
  const open: number[] = [];
  let containers = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    if (i % SCAN_STEP === 0 && i > 0) yield;
    const c = text[i]!;
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++containers > max) {
        throw new ExportLimitError(`more than ${max} JSON objects and arrays in one export (at most ${limits.maxValuesPerExport} values); send smaller batches`, "JSON");
      }
      if (open.push(i) > maxDepth) throw new ExportLimitError(`JSON nested deeper than ${maxDepth} levels: AnyValue nested deeper than ${limits.maxAnyValueDepth} levels`, "JSON");
    } else if (c === 0x7d || c === 0x5d) {
      const start = open.pop();
      if (start === undefined) malformed(`unexpected "${String.fromCharCode(c)}" at byte ${i}`);
      else if (i - start >= CHUNK) large.set(start, i);
    }
  }
  return large;
}

export function* parseJsonSteps(text: Uint8Array, limits: DecodeLimits): Steps<unknown> {
  const large = yield* indexLarge(text, limits);
  if (large.size === 0) return parse(text, 0, text.length);
  const walker = new Walker(text, large);
  const start = walker.space(0);
  const value = yield* walker.value(start);
  if (walker.space(walker.pos) !== text.length) malformed(`unexpected text after the value at byte ${walker.pos}`);
  return value;
}

const utf8 = new TextDecoder(); // lenient, as Buffer#toString: invalid bytes become U+FFFD

function parse(text: Uint8Array, start: number, end: number): unknown {
  const whole = start === 0 && end === text.length;
  try {
    return JSON.parse(utf8.decode(whole ? text : text.subarray(start, end)));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return malformed(whole ? message : `${message} (in the value at byte ${start})`);
  }
}

class Walker {
  pos = 0;
  constructor(
    private readonly text: Uint8Array,
    private readonly large: Map<number, number>,
  ) {}

  space(i: number): number {
    const t = this.text;
    while (i < t.length && (t[i] === 0x20 || t[i] === 0x0a || t[i] === 0x0d || t[i] === 0x09)) i++;
    return i;
  }

  /** The end (exclusive) of a small value starting at `i`. */
  private skip(i: number): number {
    const t = this.text;
    let depth = 0;
    let inString = false;
    for (; i < t.length; i++) {
      const c = t[i]!;
      if (inString) {
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) {
          inString = false;
          if (depth === 0) return i + 1;
        }
      } else if (c === QUOTE) inString = true;
      else if (c === 0x7b || c === 0x5b) depth++;
      else if (c === 0x7d || c === 0x5d) {
        if (depth === 0) return i; // a primitive ended by its container's close
        if (--depth === 0) return i + 1;
      } else if (depth === 0 && (c === 0x2c || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) return i;
    }
    return i;
  }

  /** Parses the value at `i`; leaves `pos` just after it. */
  *value(i: number): Steps<unknown> {
    const end = this.large.get(i);
    if (end === undefined) {
      const stop = this.skip(i);
      this.pos = stop;
      yield;
      return parse(this.text, i, stop);
    }
    const isObject = this.text[i] === 0x7b;
    const out: Record<string, unknown> | unknown[] = isObject ? {} : [];
    let at = this.space(i + 1);
    while (at < end) {
      let key = "";
      if (isObject) {
        const keyEnd = this.skip(at);
        const parsed = this.text[at] === QUOTE ? parse(this.text, at, keyEnd) : malformed(`expected a key at byte ${at}`);
        key = parsed as string;
        at = this.space(keyEnd);
        if (this.text[at] !== 0x3a) malformed(`expected ":" at byte ${at}`);
        at = this.space(at + 1);
      }
      const member = yield* this.value(at);
      if (Array.isArray(out)) out.push(member);
      else Object.defineProperty(out, key, { value: member, enumerable: true, writable: true, configurable: true });
      at = this.space(this.pos);
      if (this.text[at] === 0x2c) {
        at = this.space(at + 1);
        if (at === end) malformed(`trailing "," before byte ${at}`);
      } else if (at !== end) malformed(`expected "," at byte ${at}`);
    }
    this.pos = end + 1;
    return out;
  }
}
