import type { Attributes, InstrumentationScope } from "@/collector/decode/model";
import { decodeResource, decodeScope, emptyScope } from "@/collector/decode/protobuf-common";
import { LEN, Reader, wireTypeError } from "@/collector/decode/wire";

export interface Envelope<T> {
  resource: Attributes;
  scopes: { scope: InstrumentationScope; items: T[] }[];
}

/** Message names for error messages: "ExportTraceServiceRequest", "ResourceSpans", "ScopeSpans". */
export interface EnvelopeNames {
  request: string;
  resource: string;
  scope: string;
}

type DecodeItem<T> = (r: Reader, end: number) => T;

/**
 * The shape traces and logs share: Export*ServiceRequest { 1: Resource* { 1: resource,
 * 2: Scope* { 1: scope, 2: item* } } }. Unknown fields (schema_url, deprecated ones) are skipped;
 * a known field with the wrong wire type is an error.
 */
export function decodeEnvelope<T>(bytes: Uint8Array, names: EnvelopeNames, decodeItem: DecodeItem<T>): Envelope<T>[] {
  const r = new Reader(bytes);
  const end = bytes.length;
  const out: Envelope<T>[] = [];
  forEachLengthDelimited(r, end, names.request, (field, sub) => {
    if (field === 1) out.push(decodeResourceLevel(r, sub, names, decodeItem));
  });
  return out;
}

function decodeResourceLevel<T>(r: Reader, end: number, names: EnvelopeNames, decodeItem: DecodeItem<T>): Envelope<T> {
  const envelope: Envelope<T> = { resource: {}, scopes: [] };
  forEachLengthDelimited(r, end, names.resource, (field, sub) => {
    if (field === 1) envelope.resource = decodeResource(r, sub);
    else envelope.scopes.push(decodeScopeLevel(r, sub, names, decodeItem));
  });
  return envelope;
}

function decodeScopeLevel<T>(r: Reader, end: number, names: EnvelopeNames, decodeItem: DecodeItem<T>) {
  const level: { scope: InstrumentationScope; items: T[] } = { scope: emptyScope(), items: [] };
  forEachLengthDelimited(r, end, names.scope, (field, sub) => {
    if (field === 1) level.scope = decodeScope(r, sub);
    else level.items.push(decodeItem(r, sub));
  });
  return level;
}

/** Calls `visit` for fields 1 and 2 (both length-delimited) of a message ending at `end`; skips the rest. */
function forEachLengthDelimited(r: Reader, end: number, message: string, visit: (field: 1 | 2, subEnd: number) => void): void {
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field === 1 || field === 2) {
      if (wt !== LEN) throw wireTypeError(field, wt, LEN, message, r.pos);
      visit(field, r.sub(end));
    } else {
      r.skip(wt, field, message, end);
    }
  }
  r.done(end, message);
}
