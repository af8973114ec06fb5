import { DecodeError, type AttributeValue, type Attributes, type InstrumentationScope } from "@/collector/decode/model";
import { I64, LEN, MAX_ANY_VALUE_DEPTH, Reader, VARINT, messageSchema, setAttribute, type MessageSchema } from "@/collector/decode/wire";

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
  if (depth > MAX_ANY_VALUE_DEPTH) {
    throw new DecodeError(`AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels at byte ${r.pos}`, "protobuf");
  }
  let value: AttributeValue = null;
  while (r.pos < end) {
    const field = r.next(ANY_VALUE);
    switch (field) {
      case 1: // string_value
        value = r.string(end);
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
        value = decodeKeyValues(r, r.sub(end), KEY_VALUE_LIST, {}, depth + 1);
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
    if (field === 1) values.push(decodeAnyValue(r, r.sub(end), depth));
    else r.skip(field, ARRAY_VALUE, end);
  }
  r.done(end, ARRAY_VALUE);
  return values;
}

/** The repeated KeyValue at field 1 of a KeyValueList or Resource, added into `into`. */
function decodeKeyValues(r: Reader, end: number, message: MessageSchema, into: Attributes, depth: number): Attributes {
  while (r.pos < end) {
    const field = r.next(message);
    if (field === 1) decodeKeyValue(r, r.sub(end), into, depth);
    else r.skip(field, message, end);
  }
  r.done(end, message);
  return into;
}

/** KeyValue, added straight into `into` (no intermediate pair object). */
export function decodeKeyValue(r: Reader, end: number, into: Attributes, depth = 0): void {
  let key = "";
  let value: AttributeValue = null;
  while (r.pos < end) {
    const field = r.next(KEY_VALUE);
    if (field === 1) key = r.string(end);
    else if (field === 2) value = decodeAnyValue(r, r.sub(end), depth);
    else r.skip(field, KEY_VALUE, end);
  }
  r.done(end, KEY_VALUE);
  setAttribute(into, key, value);
}

/** Resource: only its attributes matter downstream (dropped count and entity refs are skipped). */
export function decodeResource(r: Reader, end: number): Attributes {
  return decodeKeyValues(r, end, RESOURCE, {}, 0);
}

export function emptyScope(): InstrumentationScope {
  return { name: "", version: "", attributes: {} };
}

export function decodeScope(r: Reader, end: number): InstrumentationScope {
  const scope = emptyScope();
  while (r.pos < end) {
    const field = r.next(SCOPE);
    if (field === 1) scope.name = r.string(end);
    else if (field === 2) scope.version = r.string(end);
    else if (field === 3) decodeKeyValue(r, r.sub(end), scope.attributes);
    else r.skip(field, SCOPE, end);
  }
  r.done(end, SCOPE);
  return scope;
}
