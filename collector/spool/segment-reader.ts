import type { FileHandle } from "node:fs/promises";
import { decodeFrameBody, decodeFrameHead, FRAME_HEAD_BYTES, type DecodedFrame } from "@/collector/spool/frame";

const CHUNK_BYTES = 1024 * 1024;

export type ReadOutcome = { frame: DecodedFrame; offset: number } | { end: true; offset: number } | { invalid: string; offset: number };

/**
 * Reads a segment's records in order from an offset, up to a limit (the bytes known durable),
 * through a 1 MiB buffer so small records do not cost a read each.
 */
export class SegmentReader {
  private buffer = Buffer.alloc(0);
  private bufferStart = 0;

  constructor(
    private readonly file: FileHandle,
    private offset: number,
  ) {}

  get position(): number {
    return this.offset;
  }

  /** Bytes [offset, offset + length) from the buffer, reading as needed; shorter when the limit comes first. */
  private async bytes(length: number, limit: number): Promise<Buffer> {
    const end = Math.min(this.offset + length, limit);
    const bufferEnd = this.bufferStart + this.buffer.length;
    if (this.offset < this.bufferStart || end > bufferEnd) {
      const want = Math.max(end - this.offset, Math.min(CHUNK_BYTES, limit - this.offset));
      const next = Buffer.allocUnsafe(want);
      const { bytesRead } = await this.file.read(next, 0, want, this.offset);
      this.buffer = next.subarray(0, bytesRead);
      this.bufferStart = this.offset;
    }
    const from = this.offset - this.bufferStart;
    return this.buffer.subarray(from, Math.min(from + (end - this.offset), this.buffer.length));
  }

  /** The next record before `limit`, the end (exactly at `limit`), or why the bytes there are not a record. */
  async next(limit: number): Promise<ReadOutcome> {
    const at = this.offset;
    if (at >= limit) return { end: true, offset: at };
    const head = decodeFrameHead(await this.bytes(FRAME_HEAD_BYTES, limit));
    if (typeof head === "string") return { invalid: head, offset: at };
    this.offset += FRAME_HEAD_BYTES;
    const body = await this.bytes(head.bodyLength, limit);
    const frame = decodeFrameBody(head, body);
    if (typeof frame === "string") {
      this.offset = at;
      return { invalid: frame, offset: at };
    }
    // The payload must outlive the buffer, which the next read replaces (never rewrites).
    this.offset += head.bodyLength;
    return { frame, offset: at };
  }

  /** Continue at `offset` (records taken from memory were skipped). */
  seek(offset: number): void {
    this.offset = offset;
  }
}
