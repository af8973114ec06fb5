import type { Envelope } from "@/collector/decode/envelope";
import type { InstrumentationScope } from "@/collector/decode/model";
import { decodeResource, decodeScope, emptyScope } from "@/collector/decode/protobuf-common";
import type { Steps } from "@/collector/decode/slices";
import { LEN, Reader, messageSchema, type MessageSchema } from "@/collector/decode/wire";

/** The envelope's three levels, each with length-delimited fields 1 and 2. */
export interface EnvelopeSchemas {
  request: MessageSchema;
  resource: MessageSchema;
  scope: MessageSchema;
}

/** One item (span, log record, metric): it may yield inside, as a metric does after each data point. */
type DecodeItem<T> = (r: Reader, end: number) => Steps<T>;
type ScopeLevel<T> = Envelope<T>["scopes"][number];

/** Named for error messages, e.g. "ExportTraceServiceRequest", "ResourceSpans", "ScopeSpans". */
export function envelopeSchemas(request: string, resource: string, scope: string): EnvelopeSchemas {
  const level = (name: string) => messageSchema(name, { 1: LEN, 2: LEN });
  return { request: level(request), resource: level(resource), scope: level(scope) };
}

/**
 * Export*ServiceRequest { 1: Resource* { 1: resource, 2: Scope* { 1: scope, 2: item* } } }.
 * Unknown fields (schema_url, deprecated ones) are skipped; a known field with the wrong wire
 * type is an error. Yields after each item and level (see slices.ts); every level built counts
 * against the export's budget, so no shape of input builds more than the limits allow.
 */
export function* envelopeSteps<T>(r: Reader, schemas: EnvelopeSchemas, decodeItem: DecodeItem<T>): Steps<Envelope<T>[]> {
  const out: Envelope<T>[] = [];
  const end = r.buf.length;
  while (r.pos < end) {
    const field = r.next(schemas.request);
    if (field === 1) {
      r.budget.value();
      out.push(yield* resourceLevelSteps(r, r.sub(end), schemas, decodeItem));
      yield;
    } else r.skip(field, schemas.request, end);
  }
  r.done(end, schemas.request);
  return out;
}

function* resourceLevelSteps<T>(r: Reader, end: number, schemas: EnvelopeSchemas, decodeItem: DecodeItem<T>): Steps<Envelope<T>> {
  const envelope: Envelope<T> = { resource: {}, scopes: [] };
  while (r.pos < end) {
    const field = r.next(schemas.resource);
    if (field === 1) envelope.resource = decodeResource(r, r.sub(end));
    else if (field === 2) {
      r.budget.value();
      envelope.scopes.push(yield* scopeLevelSteps(r, r.sub(end), schemas, decodeItem));
      yield;
    } else r.skip(field, schemas.resource, end);
  }
  r.done(end, schemas.resource);
  return envelope;
}

function* scopeLevelSteps<T>(r: Reader, end: number, schemas: EnvelopeSchemas, decodeItem: DecodeItem<T>): Steps<ScopeLevel<T>> {
  const level: ScopeLevel<T> = { scope: emptyScope(), items: [] };
  while (r.pos < end) {
    const field = r.next(schemas.scope);
    if (field === 1) level.scope = decodeScope(r, r.sub(end));
    else if (field === 2) {
      r.budget.span();
      level.items.push(yield* decodeItem(r, r.sub(end)));
      yield;
    } else r.skip(field, schemas.scope, end);
  }
  r.done(end, schemas.scope);
  return level;
}
