import { gzipSync } from "node:zlib";
import { pb } from "@/collector/decode/testing/wire";

const utf8 = (s: string) => new TextEncoder().encode(s);

/** ExportTraceServiceRequest { resource_spans { scope_spans { spans: `count` empty Span } } }: 2 bytes a span. */
export function emptySpanBomb(count: number): Uint8Array {
  const spans = new Uint8Array(count * 2);
  for (let i = 0; i < spans.length; i += 2) spans[i] = 0x12; // field 2 (spans), LEN, length 0
  return pb.len(1, pb.len(2, spans));
}

export const gzip = (bytes: Uint8Array): Buffer => gzipSync(bytes, { level: 9 });

/**
 * As large an export as the limits admit: `spans` spans of `attributes` long string attributes
 * each, every span without ids, so normalization refuses the lot after decoding all of it.
 */
export function largeInvalidExport(spans: number, attributes: number): Uint8Array {
  const value = utf8("x".repeat(200));
  const kvs: Uint8Array[] = [];
  for (let a = 0; a < attributes; a++) kvs.push(pb.len(9, pb.len(1, utf8(`attr.${a}`)), pb.len(2, pb.len(1, value))));
  const span = pb.len(2, pb.len(5, utf8("hostile")), ...kvs);
  const all = new Uint8Array(span.length * spans);
  for (let i = 0; i < spans; i++) all.set(span, i * span.length);
  return pb.len(1, pb.len(2, all));
}

const fixed64 = (n: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n, true);
  return b;
};

/** `count` valid minimal spans (own trace each, times set) of one run: a flood that gets stored. */
export function validSpansExport(count: number, tag: string): Uint8Array {
  const spans: Uint8Array[] = [];
  const start = BigInt(Date.now()) * 1_000_000n;
  for (let i = 0; i < count; i++) {
    const traceId = utf8(`${tag}-${i}`.padEnd(16, "t").slice(0, 16));
    const spanId = utf8(`${i}`.padStart(8, "0").slice(-8));
    spans.push(
      pb.len(
        2,
        pb.len(1, traceId),
        pb.len(2, spanId),
        pb.len(5, utf8("flood")),
        pb.cat(pb.tag(7, 1), fixed64(start)),
        pb.cat(pb.tag(8, 1), fixed64(start + 1000n)),
      ),
    );
  }
  return pb.len(1, pb.len(2, ...spans));
}
