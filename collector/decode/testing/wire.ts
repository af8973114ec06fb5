/** Test helpers for hand-made protobuf payloads: a minimal writer, and re-framing of real messages. */

/** A minimal protobuf writer for payloads the SDK cannot produce (exact int64 extremes, unknown fields, corruption). */
export const pb = {
  varint(value: bigint | number): Uint8Array {
    let v = BigInt.asUintN(64, BigInt(value));
    const out: number[] = [];
    do {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      out.push(v > 0n ? b | 0x80 : b);
    } while (v > 0n);
    return Uint8Array.from(out);
  },
  tag(field: number, wireType: number): Uint8Array {
    return pb.varint((field << 3) | wireType);
  },
  cat(...parts: Uint8Array[]): Uint8Array {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  },
  len(field: number, ...payload: Uint8Array[]): Uint8Array {
    const body = pb.cat(...payload);
    return pb.cat(pb.tag(field, 2), pb.varint(body.length), body);
  },
  str(field: number, s: string): Uint8Array {
    return pb.len(field, new TextEncoder().encode(s));
  },
  uint(field: number, value: bigint | number): Uint8Array {
    return pb.cat(pb.tag(field, 0), pb.varint(value));
  },
  fixed64(field: number, value: bigint): Uint8Array {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, value, true);
    return pb.cat(pb.tag(field, 1), b);
  },
  fixed32(field: number, value: number): Uint8Array {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, value, true);
    return pb.cat(pb.tag(field, 5), b);
  },
  double(field: number, value: number): Uint8Array {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, value, true);
    return pb.cat(pb.tag(field, 1), b);
  },
};

/** Fields of one message, as raw slices, so tests can re-frame real payloads. */
export interface RawField {
  field: number;
  wireType: number;
  /** For wire type 2 the payload without its length; otherwise the value bytes. */
  data: Uint8Array;
}

export function splitFields(bytes: Uint8Array): RawField[] {
  const fields: RawField[] = [];
  let pos = 0;
  const varint = (): number => {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const b = bytes[pos++];
      if (b === undefined) throw new Error("truncated fixture");
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return Number(v);
    }
  };
  while (pos < bytes.length) {
    const tag = varint();
    const wireType = tag & 7;
    const start = pos;
    if (wireType === 0) varint();
    else if (wireType === 1) pos += 8;
    else if (wireType === 5) pos += 4;
    const size = wireType === 2 ? varint() : 0;
    const from = wireType === 2 ? pos : start;
    pos += size;
    fields.push({ field: tag >>> 3, wireType, data: bytes.subarray(from, pos) });
  }
  return fields;
}

export function joinFields(fields: RawField[]): Uint8Array {
  return pb.cat(
    ...fields.map((f) => (f.wireType === 2 ? pb.len(f.field, f.data) : pb.cat(pb.tag(f.field, f.wireType), f.data))),
  );
}

/** Field number -> schema of the sub-message in that field. */
export interface Nested {
  [field: number]: Nested;
}

/** Re-frames a real message with unknown fields (all four wire types) appended at every nesting level. */
export function withUnknownFields(bytes: Uint8Array, schema: Nested): Uint8Array {
  const fields: RawField[] = splitFields(bytes).map((f) => {
    const sub = schema[f.field];
    return f.wireType === 2 && sub ? { ...f, data: withUnknownFields(f.data, sub) } : f;
  });
  return pb.cat(
    pb.uint(1000, 2n ** 63n),
    joinFields(fields),
    pb.fixed64(1001, 7n),
    pb.str(1002, "future"),
    pb.len(1003, pb.uint(1, 1)),
    pb.fixed32(1004, 9),
  );
}

// Which length-delimited fields hold sub-messages, per OTLP message type (for withUnknownFields).
const anyValue: Nested = {};
const keyValue: Nested = { 2: anyValue };
Object.assign(anyValue, { 5: { 1: anyValue }, 6: { 1: keyValue } });
const scope: Nested = { 3: keyValue };
const resource: Nested = { 1: keyValue };
const span: Nested = { 9: keyValue, 11: { 3: keyValue }, 13: { 4: keyValue }, 15: {} };
const logRecord: Nested = { 5: anyValue, 6: keyValue };
export const TRACE_REQUEST_SCHEMA: Nested = { 1: { 1: resource, 2: { 1: scope, 2: span } } };
export const LOGS_REQUEST_SCHEMA: Nested = { 1: { 1: resource, 2: { 1: scope, 2: logRecord } } };
