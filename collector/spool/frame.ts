import zlib from "node:zlib";

/**
 * One spool record on disk (little-endian), so that another tool can read a spool:
 *
 *   0  u32  magic 0x314C5053 ("SPL1")
 *   4  u32  body length n (bytes after this 12-byte head)
 *   8  u32  CRC-32 (ISO-HDLC, as zlib) of the body
 *  12  u64  sequence number, consecutive from 1 across segments
 *  20  f64  acknowledgement time, ms since the Unix epoch
 *  28  u8   kind (RecordKind)
 *  29  u8   0
 *  30  u16  tenant id length t
 *  32  t    tenant id, UTF-8
 *  32+t     payload: the export request as received (OTLP protobuf or OTLP/JSON, after gzip is undone),
 *           or for kind 7 the export's rows after redaction (redacted-rows.ts)
 *
 * A record whose head or body is incomplete, or whose CRC differs, was never acknowledged (the
 * acknowledgement waits for fsync) and ends the readable part of its segment.
 */
export const FRAME_MAGIC = 0x314c5053;
export const FRAME_HEAD_BYTES = 12;
const BODY_HEAD_BYTES = 20;
/** No valid record is larger: OTLP bodies are capped far below this; larger lengths mean a corrupt head. */
export const MAX_FRAME_BODY_BYTES = 512 * 1024 * 1024;

export enum RecordKind {
  TracesProtobuf = 1,
  TracesJson = 2,
  LogsProtobuf = 3,
  LogsJson = 4,
  MetricsProtobuf = 5,
  MetricsJson = 6,
  /** A tenant with redaction rules: its rows as redacted when received, never the request as sent. */
  RedactedRows = 7,
}

const KINDS = new Set<number>(Object.values(RecordKind).filter((v): v is number => typeof v === "number"));

export interface RecordHeader {
  seq: number;
  acknowledgedAtMs: number;
  kind: RecordKind;
  tenantId: string;
}

export interface DecodedFrame extends RecordHeader {
  payload: Buffer;
  /** Head and body: what the record takes on disk. */
  frameBytes: number;
}

/** The record as buffers to write (head+record header, payload), without copying the payload. */
export function encodeFrame(header: RecordHeader, payload: Uint8Array): { buffers: Buffer[]; frameBytes: number } {
  const tenant = Buffer.from(header.tenantId, "utf8");
  if (tenant.length > 0xffff) throw new RangeError("tenant id longer than 65,535 bytes");
  const head = Buffer.alloc(FRAME_HEAD_BYTES + BODY_HEAD_BYTES + tenant.length);
  const bodyLength = BODY_HEAD_BYTES + tenant.length + payload.length;
  head.writeUInt32LE(FRAME_MAGIC, 0);
  head.writeUInt32LE(bodyLength, 4);
  head.writeBigUInt64LE(BigInt(header.seq), 12);
  head.writeDoubleLE(header.acknowledgedAtMs, 20);
  head.writeUInt8(header.kind, 28);
  head.writeUInt16LE(tenant.length, 30);
  tenant.copy(head, 32);
  const crc = zlib.crc32(payload, zlib.crc32(head.subarray(FRAME_HEAD_BYTES)));
  head.writeUInt32LE(crc, 8);
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength);
  return { buffers: [head, body], frameBytes: FRAME_HEAD_BYTES + bodyLength };
}

/** Bytes a record of this tenant and payload takes on disk (what encodeFrame writes). */
export function frameSize(tenantId: string, payloadLength: number): number {
  return FRAME_HEAD_BYTES + BODY_HEAD_BYTES + Buffer.byteLength(tenantId, "utf8") + payloadLength;
}

export type FrameHead = { bodyLength: number; crc: number };

/** The 12-byte head, or why it cannot start a record. */
export function decodeFrameHead(head: Buffer): FrameHead | string {
  if (head.length < FRAME_HEAD_BYTES) return "incomplete record head";
  if (head.readUInt32LE(0) !== FRAME_MAGIC) return "no record magic";
  const bodyLength = head.readUInt32LE(4);
  if (bodyLength < BODY_HEAD_BYTES || bodyLength > MAX_FRAME_BODY_BYTES) return `implausible record length ${bodyLength}`;
  return { bodyLength, crc: head.readUInt32LE(8) };
}

/** The record from its head and body, or why it is not a valid one. */
export function decodeFrameBody(head: FrameHead, body: Buffer): DecodedFrame | string {
  if (body.length < head.bodyLength) return "incomplete record body";
  if (zlib.crc32(body) !== head.crc) return "checksum mismatch";
  const kind = body.readUInt8(16);
  if (!KINDS.has(kind)) return `unknown record kind ${kind}`;
  const tenantLength = body.readUInt16LE(18);
  if (BODY_HEAD_BYTES + tenantLength > body.length) return "tenant id runs past the record";
  return {
    seq: Number(body.readBigUInt64LE(0)),
    acknowledgedAtMs: body.readDoubleLE(8),
    kind,
    tenantId: body.toString("utf8", BODY_HEAD_BYTES, BODY_HEAD_BYTES + tenantLength),
    payload: body.subarray(BODY_HEAD_BYTES + tenantLength),
    frameBytes: FRAME_HEAD_BYTES + head.bodyLength,
  };
}
