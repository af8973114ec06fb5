import type { Envelope } from "@/collector/decode/envelope";
import type { InstrumentationScope } from "@/collector/decode/model";
import { decodeResource, decodeScope, emptyScope } from "@/collector/decode/protobuf-common";
import { LEN, Reader, messageSchema, type MessageSchema } from "@/collector/decode/wire";

/** The envelope's three levels, each with length-delimited fields 1 and 2. */
export interface EnvelopeSchemas {
  request: MessageSchema;
  resource: MessageSchema;
  scope: MessageSchema;
}

type DecodeItem<T> = (r: Reader, end: number) => T;

/** Named for error messages, e.g. "ExportTraceServiceRequest", "ResourceSpans", "ScopeSpans". */
export function envelopeSchemas(request: string, resource: string, scope: string): EnvelopeSchemas {
  const level = (name: string) => messageSchema(name, { 1: LEN, 2: LEN });
  return { request: level(request), resource: level(resource), scope: level(scope) };
}

/**
 * Export*ServiceRequest { 1: Resource* { 1: resource, 2: Scope* { 1: scope, 2: item* } } }.
 * Unknown fields (schema_url, deprecated ones) are skipped; a known field with the wrong wire
 * type is an error.
 */
export function decodeEnvelope<T>(bytes: Uint8Array, schemas: EnvelopeSchemas, decodeItem: DecodeItem<T>): Envelope<T>[] {
  const r = new Reader(bytes);
  const out: Envelope<T>[] = [];
  forEachLengthDelimited(r, bytes.length, schemas.request, (field, sub) => {
    if (field === 1) out.push(decodeResourceLevel(r, sub, schemas, decodeItem));
  });
  return out;
}

function decodeResourceLevel<T>(r: Reader, end: number, schemas: EnvelopeSchemas, decodeItem: DecodeItem<T>): Envelope<T> {
  const envelope: Envelope<T> = { resource: {}, scopes: [] };
  forEachLengthDelimited(r, end, schemas.resource, (field, sub) => {
    if (field === 1) envelope.resource = decodeResource(r, sub);
    else envelope.scopes.push(decodeScopeLevel(r, sub, schemas, decodeItem));
  });
  return envelope;
}

function decodeScopeLevel<T>(r: Reader, end: number, schemas: EnvelopeSchemas, decodeItem: DecodeItem<T>) {
  const level: { scope: InstrumentationScope; items: T[] } = { scope: emptyScope(), items: [] };
  forEachLengthDelimited(r, end, schemas.scope, (field, sub) => {
    if (field === 1) level.scope = decodeScope(r, sub);
    else level.items.push(decodeItem(r, sub));
  });
  return level;
}

/** Calls `visit` for fields 1 and 2 of a message ending at `end`; skips the rest. */
function forEachLengthDelimited(r: Reader, end: number, message: MessageSchema, visit: (field: 1 | 2, subEnd: number) => void): void {
  while (r.pos < end) {
    const field = r.next(message);
    if (field === 1 || field === 2) visit(field, r.sub(end));
    else r.skip(field, message, end);
  }
  r.done(end, message);
}
