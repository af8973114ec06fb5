import { AttributeSet, setAttribute } from "@/collector/decode/attribute-set";
import type { AttributeValue, Attributes, InstrumentationScope } from "@/collector/decode/model";
import { I64, LEN, Reader, VARINT, messageSchema } from "@/collector/decode/wire";

/**
 * Decoders for opentelemetry/proto/common/v1/common.proto and resource/v1/resource.proto.
 * Each takes the reader positioned at the message payload and the payload's end.
 */

const ANY_VALUE = messageSchema("AnyValue", { 1: LEN, 2: VARINT, 3: VARINT, 4: I64, 5: LEN, 6: LEN, 7: LEN });
const ARRAY_VALUE = messageSchema("ArrayValue", { 1: LEN });
const KEY_VALUE_LIST = messageSchema("KeyValueList", { 1: LEN });
const KEY_VALUE = messageSchema("KeyValue", { 1: LEN, 2: LEN });
const RESOURCE = messageSchema("Resource", { 1: LEN });
const SCOPE = messageSchema("InstrumentationScope", { 1: LEN, 2: LEN, 3: LEN });

/** AnyValue: a oneof, so the last value on the wire wins; none at all is null. */
export function decodeAnyValue(r: Reader, end: number, depth: number): AttributeValue {
  r.budget.depth(depth, `at byte ${r.pos}`);
  let value: AttributeValue = null;
  while (r.pos < end) {
    const field = r.next(ANY_VALUE);
    switch (field) {
      case 1: // string_value
        value = r.text(end);
        break;
      case 2: // bool_value
        value = r.bool();
        break;
      case 3: // int_value (int64)
        value = r.int64();
        break;
      case 4: // double_value
        value = r.double();
        break;
      case 5: // array_value
        value = decodeArrayValue(r, r.sub(end), depth + 1);
        break;
      case 6: // kvlist_value
        value = decodeKeyValueList(r, r.sub(end), depth + 1);
        break;
      case 7: // bytes_value
        value = r.base64(end);
        break;
      default:
        r.skip(field, ANY_VALUE, end);
    }
  }
  r.done(end, ANY_VALUE);
  return value;
}

function decodeArrayValue(r: Reader, end: number, depth: number): AttributeValue[] {
  const values: AttributeValue[] = [];
  while (r.pos < end) {
    const field = r.next(ARRAY_VALUE);
    if (field === 1) {
      r.budget.value();
      values.push(decodeAnyValue(r, r.sub(end), depth));
    }
    else r.skip(field, ARRAY_VALUE, end);
  }
  r.done(end, ARRAY_VALUE);
  return values;
}

/** KeyValueList (an attribute value): entries are counted against the export's value budget. */
function decodeKeyValueList(r: Reader, end: number, depth: number): Attributes {
  const into: Attributes = {};
  while (r.pos < end) {
    const field = r.next(KEY_VALUE_LIST);
    if (field !== 1) {
      r.skip(field, KEY_VALUE_LIST, end);
      continue;
    }
    r.budget.value();
    const kvEnd = r.sub(end);
    let key = "";
    let value: AttributeValue = null;
    while (r.pos < kvEnd) {
      const f = r.next(KEY_VALUE);
      if (f === 1) key = r.text(kvEnd);
      else if (f === 2) value = decodeAnyValue(r, r.sub(kvEnd), depth);
      else r.skip(f, KEY_VALUE, kvEnd);
    }
    r.done(kvEnd, KEY_VALUE);
    setAttribute(into, key, value);
  }
  r.done(end, KEY_VALUE_LIST);
  return into;
}

/**
 * One KeyValue of a span, resource, scope, event, link or log record, added to `into` under
 * its limits. A value that will be dropped is skipped, not built (when its key came first, as
 * every SDK sends it).
 */
export function decodeKeyValue(r: Reader, end: number, into: AttributeSet): void {
  r.budget.value();
  const maxKey = r.budget.limits.maxAttributeKeyLength;
  let key = "";
  let keyTooLong = false;
  let value: AttributeValue = null;
  while (r.pos < end) {
    const field = r.next(KEY_VALUE);
    if (field === 1) {
      key = r.capped(end, maxKey);
      keyTooLong = r.wasCut;
    } else if (field === 2) {
      if (into.accepts(key, keyTooLong)) value = decodeAnyValue(r, r.sub(end), 0);
      else r.pos = r.sub(end);
    } else r.skip(field, KEY_VALUE, end);
  }
  r.done(end, KEY_VALUE);
  if (into.accepts(key, keyTooLong)) into.add(key, value);
  else into.drop();
}

/** Resource: only its attributes matter downstream (dropped count and entity refs are skipped). */
export function decodeResource(r: Reader, end: number): Attributes {
  const attributes = new AttributeSet(r.budget);
  while (r.pos < end) {
    const field = r.next(RESOURCE);
    if (field === 1) decodeKeyValue(r, r.sub(end), attributes);
    else r.skip(field, RESOURCE, end);
  }
  r.done(end, RESOURCE);
  return attributes.values;
}

export function emptyScope(): InstrumentationScope {
  return { name: "", version: "", attributes: {} };
}

export function decodeScope(r: Reader, end: number): InstrumentationScope {
  const scope = emptyScope();
  const attributes = new AttributeSet(r.budget);
  while (r.pos < end) {
    const field = r.next(SCOPE);
    if (field === 1) scope.name = r.text(end);
    else if (field === 2) scope.version = r.text(end);
    else if (field === 3) decodeKeyValue(r, r.sub(end), attributes);
    else r.skip(field, SCOPE, end);
  }
  r.done(end, SCOPE);
  scope.attributes = attributes.values;
  return scope;
}
