import { chargeArrayEntry } from "@/collector/decode/envelope";
import { DecodeBudget, DEFAULT_DECODE_LIMITS, TRUNCATED_MARKER, cut } from "@/collector/decode/limits";
import { DecodeError } from "@/collector/decode/model";

/**
 * Low-level protobuf wire reader for the OTLP decoders. Scalar reads are bounds-checked against
 * the whole buffer; length-delimited reads against the enclosing message's end, so a corrupt
 * length can never make a sub-message spill into its parent unnoticed.
 */

export const VARINT = 0;
export const I64 = 1;
export const LEN = 2;
export const I32 = 5;

const MAX_ID_BYTES = 64;
const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const utf8 = new TextDecoder(); // lenient: invalid UTF-8 becomes U+FFFD
/**
 * Short ASCII strings (attribute keys, model names, workload names...) repeat across spans: a
 * small direct-mapped cache returns the same string instance instead of decoding and allocating
 * a new one, and a string already used as a property key is cheap to use as one again.
 */
const CACHED_STRING = 48;
const CACHE_MASK = 4095;
const cache: string[] = new Array<string>(CACHE_MASK + 1).fill("");

function cachedAscii(buf: Uint8Array, start: number, end: number): string | null {
  const len = end - start;
  if (len === 0) return "";
  // Cheap O(1) hash of the length and a few bytes; the full comparison below makes collisions harmless.
  const last2 = buf[end - 1]! * 131 + buf[end - 2 < start ? start : end - 2]!;
  const h = Math.imul(len * 31 + buf[start]!, 0x9e3779b1) ^ Math.imul(last2, 0x85ebca6b) ^ buf[start + (len >> 1)]!;
  const slot = (h ^ (h >>> 13)) & CACHE_MASK;
  const hit = cache[slot]!;
  if (hit.length === len) {
    let i = 0;
    while (i < len && hit.charCodeAt(i) === buf[start + i]) i++;
    if (i === len) return hit;
  }
  let s = "";
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b >= 0x80) return null;
    s += String.fromCharCode(b);
  }
  cache[slot] = s;
  return s;
}

export class Reader {
  readonly buf: Uint8Array;
  readonly view: DataView;
  pos = 0;
  /** The wire type of the field `next` read last. */
  wireType = 0;
  /** Whether the last `capped` read was longer than its cap. */
  wasCut = false;
  readonly budget: DecodeBudget;

  constructor(buf: Uint8Array, budget = new DecodeBudget(DEFAULT_DECODE_LIMITS, "protobuf")) {
    this.buf = buf;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.budget = budget;
  }

  /** A varint, keeping its low 32 bits (unsigned), as protobuf does for uint32/int32/enum/tags. */
  uint32(): number {
    const pos = this.pos;
    if (pos < this.buf.length) {
      const b = this.buf[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    return this.uint32Slow();
  }

  private uint32Slow(): number {
    const buf = this.buf;
    const start = this.pos;
    let pos = start;
    let value = 0;
    for (let shift = 0; shift < 70; shift += 7) {
      if (pos >= buf.length) throw new DecodeError(`truncated varint at byte ${start}`, "protobuf");
      const b = buf[pos++]!;
      if (shift < 32) value |= (b & 0x7f) << shift;
      if (b < 0x80) {
        this.pos = pos;
        return value >>> 0;
      }
    }
    throw new DecodeError(`varint longer than 10 bytes at byte ${start}`, "protobuf");
  }

  /** A varint that must fit in 32 bits: lengths. Silently truncating one would misframe everything after it. */
  private length(): number {
    const start = this.pos;
    const value = this.uint32();
    if (this.pos - start > 5 || (this.pos - start === 5 && this.buf[this.pos - 1]! > 0x0f)) {
      throw new DecodeError(`length varint at byte ${start} exceeds 32 bits`, "protobuf");
    }
    return value;
  }

  /** Reads a length prefix and returns the end of the payload, which must lie within `limit`. */
  sub(limit: number): number {
    const at = this.pos;
    const len = this.length();
    const end = this.pos + len;
    if (end > limit) {
      throw new DecodeError(`length ${len} at byte ${at} runs past the end of its message (byte ${limit})`, "protobuf");
    }
    return end;
  }

  /** A bool varint: true when any payload bit is set (not only the low 32). */
  bool(): boolean {
    const buf = this.buf;
    const start = this.pos;
    let any = 0;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= buf.length) throw new DecodeError(`truncated varint at byte ${start}`, "protobuf");
      const b = buf[this.pos++]!;
      any |= b & 0x7f;
      if (b < 0x80) return any !== 0;
    }
    throw new DecodeError(`varint longer than 10 bytes at byte ${start}`, "protobuf");
  }

  /** An int64 varint: a number when it is a safe integer, else its exact decimal string. */
  int64(): number | string {
    const buf = this.buf;
    const start = this.pos;
    let pos = start;
    let lo = 0;
    let hi = 0;
    for (let i = 0; ; i++) {
      if (i === 10) throw new DecodeError(`varint longer than 10 bytes at byte ${start}`, "protobuf");
      if (pos >= buf.length) throw new DecodeError(`truncated varint at byte ${start}`, "protobuf");
      const b = buf[pos++]!;
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi = bits >>> 4;
      } else hi |= bits << (7 * i - 32);
      if (b < 0x80) break;
    }
    this.pos = pos;
    lo >>>= 0;
    hi >>>= 0;
    if (hi < 0x200000) return hi * 0x100000000 + lo;
    if (hi >= 0x80000000) {
      // Negative in two's complement: negate to get the magnitude.
      const nlo = (~lo + 1) >>> 0;
      const nhi = (~hi + (nlo === 0 ? 1 : 0)) >>> 0;
      if (nhi < 0x200000) return -(nhi * 0x100000000 + nlo);
    }
    return BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)).toString();
  }

  private need(n: number): number {
    const pos = this.pos;
    if (pos + n > this.buf.length) throw new DecodeError(`truncated ${n}-byte fixed value at byte ${pos}`, "protobuf");
    this.pos = pos + n;
    return pos;
  }

  /** fixed64 read straight into a bigint: timestamps exceed 2^53, so no float on the way. */
  fixed64(): bigint {
    return this.view.getBigUint64(this.need(8), true);
  }

  double(): number {
    return this.view.getFloat64(this.need(8), true);
  }

  /** fixed64 as a number (counts): hi·2^32 is exact, so the sum rounds once, as Number(bigint) does. */
  fixed64AsNumber(): number {
    const at = this.need(8);
    return this.view.getUint32(at + 4, true) * 0x100000000 + this.view.getUint32(at, true);
  }

  /** sfixed64 as a number (as_int): exact within ±2^53, rounded once beyond, as Number(bigint) does. */
  sfixed64(): number {
    const at = this.need(8);
    return this.view.getInt32(at + 4, true) * 0x100000000 + this.view.getUint32(at, true);
  }

  /** sint32: zigzag-encoded, so small negatives stay one byte on the wire. */
  sint32(): number {
    const n = this.uint32();
    return (n >>> 1) ^ -(n & 1);
  }

  /** A uint64 varint as a number: up to 7 bytes (49 bits) add up exactly; longer ones go through int64. */
  uint64AsNumber(): number {
    const buf = this.buf;
    const start = this.pos;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 7 && this.pos < buf.length; i++) {
      const b = buf[this.pos++]!;
      value += (b & 0x7f) * scale;
      if (b < 0x80) return value;
      scale *= 128;
    }
    this.pos = start;
    return Number(BigInt.asUintN(64, BigInt(this.int64()))); // int64 reports truncation and overlong varints
  }

  /** A repeated fixed64 field (see `packable`), appended to `into` as numbers. */
  repeatedFixed64(limit: number, into: number[]): void {
    this.repeated(limit, into, readFixed64);
  }

  repeatedDouble(limit: number, into: number[]): void {
    this.repeated(limit, into, readDouble);
  }

  /** A repeated uint64 varint field, appended to `into` as numbers. */
  repeatedUint64(limit: number, into: number[]): void {
    this.repeated(limit, into, readUint64);
  }

  /**
   * One value per tag, or a packed run (LEN) of them; each entry is charged to the budget before
   * it is built. Entries are read against the whole buffer, so a run whose length does not hold
   * whole entries overruns `end` and is refused below.
   */
  private repeated(limit: number, into: number[], read: (r: Reader) => number): void {
    if (this.wireType !== LEN) {
      chargeArrayEntry(this.budget, into.length);
      into.push(read(this));
      return;
    }
    const end = this.sub(limit);
    while (this.pos < end) {
      chargeArrayEntry(this.budget, into.length);
      into.push(read(this));
    }
    if (this.pos !== end) throw new DecodeError(`packed repeated field overruns its length: ends at byte ${this.pos}, expected ${end}`, "protobuf");
  }

  string(limit: number): string {
    const end = this.sub(limit);
    const start = this.pos;
    this.pos = end;
    if (end - start <= CACHED_STRING) {
      const cached = cachedAscii(this.buf, start, end);
      if (cached !== null) return cached;
    }
    return utf8.decode(this.buf.subarray(start, end));
  }

  /**
   * A string of at most `max` UTF-16 units, decoding no more than the bytes those can take (a
   * 16 MB value costs as much as a short one); `wasCut` tells whether it was longer.
   */
  capped(limit: number, max: number): string {
    const at = this.pos;
    const end = this.sub(limit);
    const start = this.pos;
    // At most 3 UTF-8 bytes per UTF-16 unit (4 per surrogate pair): this many bytes hold `max` units.
    const room = max * 3 + 4;
    if (end - start <= max) {
      this.wasCut = false;
      this.pos = at;
      return this.string(limit);
    }
    this.pos = end;
    const s = utf8.decode(this.buf.subarray(start, Math.min(end, start + room)));
    this.wasCut = s.length > max || end - start > room;
    return this.wasCut ? cut(s, max) : s;
  }

  /** A free-text string (value, name, message) within the value length limit, marked when cut. */
  text(limit: number): string {
    const s = this.capped(limit, this.budget.limits.maxAttributeValueLength);
    if (!this.wasCut) return s;
    this.budget.stats.truncatedValues++;
    return s + TRUNCATED_MARKER;
  }

  /** Ids: lowercase hex of whatever bytes were sent; their length is the normalizer's business. */
  hex(limit: number): string {
    const end = this.sub(limit);
    const buf = this.buf;
    let s = "";
    // Ids are 8 or 16 bytes: a longer one is invalid whatever follows, so only its start is kept.
    const stop = Math.min(end, this.pos + MAX_ID_BYTES);
    for (let i = this.pos; i < stop; i++) s += HEX[buf[i]!]!;
    if (stop < end) s += "…";
    this.pos = end;
    return s;
  }

  /** Bytes as base64, within the value length limit (cut on a 3-byte boundary, then marked). */
  base64(limit: number): string {
    const end = this.sub(limit);
    const buf = this.buf;
    const room = Math.floor(this.budget.limits.maxAttributeValueLength / 4) * 3;
    const size = end - this.pos;
    const take = Math.min(size, room);
    const s = Buffer.from(buf.buffer, buf.byteOffset + this.pos, take).toString("base64");
    this.pos = end;
    if (take === size) return s;
    this.budget.stats.truncatedValues++;
    return s + TRUNCATED_MARKER;
  }

  /**
   * Reads the next field's tag and returns its number, leaving its wire type in `wireType`. A
   * field the message reads must arrive with the wire type it expects; others are `skip`ped.
   */
  next(message: MessageSchema): number {
    const tag = this.uint32();
    const field = tag >>> 3;
    const wireType = tag & 7;
    this.wireType = wireType;
    const expected = field < message.wireTypes.length ? message.wireTypes[field]! : UNREAD;
    if (expected !== UNREAD && expected !== wireType && !repeatedAccepts(expected, wireType)) {
      throw new DecodeError(`field ${field} of ${message.name} has wire type ${wireType}, expected ${wireTypeName(expected)} (at byte ${this.pos})`, "protobuf");
    }
    return field;
  }

  /** Skips the field `next` just read, by its wire type (forward compatibility). */
  skip(field: number, message: MessageSchema, limit: number): void {
    if (field === 0) throw new DecodeError(`invalid field number 0 in ${message.name} at byte ${this.pos}`, "protobuf");
    switch (this.wireType) {
      case VARINT:
        this.bool();
        return;
      case I64:
        this.need(8);
        return;
      case LEN:
        this.pos = this.sub(limit);
        return;
      case I32:
        this.need(4);
        return;
      default:
        throw new DecodeError(`field ${field} of ${message.name} has invalid wire type ${this.wireType} at byte ${this.pos}`, "protobuf");
    }
  }

  /** After a message's fields: a scalar that overran the message's end means the framing is corrupt. */
  done(end: number, message: MessageSchema): void {
    if (this.pos !== end) throw new DecodeError(`${message.name} overruns its length: ends at byte ${this.pos}, expected ${end}`, "protobuf");
  }
}

const UNREAD = -1;
const PACKABLE = 8;

/**
 * The schema entry of a repeated scalar field: proto3 senders pack it (LEN) by default, but
 * parsers must accept one value per tag too (proto2 senders, hand-written encoders).
 */
export function packable(wireType: number): number {
  return PACKABLE | wireType;
}

function repeatedAccepts(expected: number, wireType: number): boolean {
  return (expected & PACKABLE) !== 0 && (wireType === LEN || wireType === (expected & 7));
}

function wireTypeName(expected: number): string {
  return (expected & PACKABLE) !== 0 ? `${expected & 7} or ${LEN} (packed)` : String(expected);
}

const readFixed64 = (r: Reader) => r.fixed64AsNumber();
const readDouble = (r: Reader) => r.double();
const readUint64 = (r: Reader) => r.uint64AsNumber();

/** A message as a decoder reads it: its name for errors, and the wire type of each field it reads. */
export interface MessageSchema {
  name: string;
  /** By field number: a wire type, a `packable` one, or UNREAD for fields the decoder skips. */
  wireTypes: Int8Array;
}

export function messageSchema(name: string, fields: Readonly<Record<number, number>>): MessageSchema {
  const numbers = Object.keys(fields).map(Number);
  const wireTypes = new Int8Array(Math.max(0, ...numbers) + 1).fill(UNREAD);
  for (const field of numbers) wireTypes[field] = fields[field]!;
  return { name, wireTypes };
}

export { setAttribute } from "@/collector/decode/attribute-set";
