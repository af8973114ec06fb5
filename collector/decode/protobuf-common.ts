import { DecodeError, type AttributeValue, type Attributes, type InstrumentationScope } from "@/collector/decode/model";
import { I64, LEN, MAX_ANY_VALUE_DEPTH, Reader, VARINT, setAttribute, wireTypeError } from "@/collector/decode/wire";

/**
 * Decoders for opentelemetry/proto/common/v1/common.proto and resource/v1/resource.proto.
 * Each takes the reader positioned at the message payload and the payload's end.
 */

/** AnyValue: a oneof, so the last value on the wire wins; none at all is null. */
export function decodeAnyValue(r: Reader, end: number, depth: number): AttributeValue {
  if (depth > MAX_ANY_VALUE_DEPTH) {
    throw new DecodeError(`AnyValue nested deeper than ${MAX_ANY_VALUE_DEPTH} levels at byte ${r.pos}`, "protobuf");
  }
  let value: AttributeValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    switch (field) {
      case 1: // string_value
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "AnyValue", r.pos);
        value = r.string(end);
        break;
      case 2: // bool_value
        if (wt !== VARINT) throw wireTypeError(field, wt, VARINT, "AnyValue", r.pos);
        value = r.bool();
        break;
      case 3: // int_value (int64)
        if (wt !== VARINT) throw wireTypeError(field, wt, VARINT, "AnyValue", r.pos);
        value = r.int64();
        break;
      case 4: // double_value
        if (wt !== I64) throw wireTypeError(field, wt, I64, "AnyValue", r.pos);
        value = r.double();
        break;
      case 5: // array_value
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "AnyValue", r.pos);
        value = decodeArrayValue(r, r.sub(end), depth + 1);
        break;
      case 6: // kvlist_value
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "AnyValue", r.pos);
        value = decodeKeyValueList(r, r.sub(end), depth + 1);
        break;
      case 7: // bytes_value
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "AnyValue", r.pos);
        value = r.base64(end);
        break;
      default:
        r.skip(wt, field, "AnyValue", end);
    }
  }
  r.done(end, "AnyValue");
  return value;
}

function decodeArrayValue(r: Reader, end: number, depth: number): AttributeValue[] {
  const values: AttributeValue[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field === 1) {
      if (wt !== LEN) throw wireTypeError(field, wt, LEN, "ArrayValue", r.pos);
      values.push(decodeAnyValue(r, r.sub(end), depth));
    } else {
      r.skip(wt, field, "ArrayValue", end);
    }
  }
  r.done(end, "ArrayValue");
  return values;
}

function decodeKeyValueList(r: Reader, end: number, depth: number): Attributes {
  const out: Attributes = {};
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field === 1) {
      if (wt !== LEN) throw wireTypeError(field, wt, LEN, "KeyValueList", r.pos);
      decodeKeyValue(r, r.sub(end), out, depth);
    } else {
      r.skip(wt, field, "KeyValueList", end);
    }
  }
  r.done(end, "KeyValueList");
  return out;
}

/** KeyValue, added straight into `into` (no intermediate pair object). */
export function decodeKeyValue(r: Reader, end: number, into: Attributes, depth = 0): void {
  let key = "";
  let value: AttributeValue = null;
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field === 1) {
      if (wt !== LEN) throw wireTypeError(field, wt, LEN, "KeyValue", r.pos);
      key = r.string(end);
    } else if (field === 2) {
      if (wt !== LEN) throw wireTypeError(field, wt, LEN, "KeyValue", r.pos);
      value = decodeAnyValue(r, r.sub(end), depth);
    } else {
      r.skip(wt, field, "KeyValue", end);
    }
  }
  r.done(end, "KeyValue");
  setAttribute(into, key, value);
}

/** Resource: only its attributes matter downstream (dropped count and entity refs are skipped). */
export function decodeResource(r: Reader, end: number): Attributes {
  const attributes: Attributes = {};
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    if (field === 1) {
      if (wt !== LEN) throw wireTypeError(field, wt, LEN, "Resource", r.pos);
      decodeKeyValue(r, r.sub(end), attributes);
    } else {
      r.skip(wt, field, "Resource", end);
    }
  }
  r.done(end, "Resource");
  return attributes;
}

export function emptyScope(): InstrumentationScope {
  return { name: "", version: "", attributes: {} };
}

export function decodeScope(r: Reader, end: number): InstrumentationScope {
  const scope = emptyScope();
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    const wt = tag & 7;
    switch (field) {
      case 1:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "InstrumentationScope", r.pos);
        scope.name = r.string(end);
        break;
      case 2:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "InstrumentationScope", r.pos);
        scope.version = r.string(end);
        break;
      case 3:
        if (wt !== LEN) throw wireTypeError(field, wt, LEN, "InstrumentationScope", r.pos);
        decodeKeyValue(r, r.sub(end), scope.attributes);
        break;
      default:
        r.skip(wt, field, "InstrumentationScope", end);
    }
  }
  r.done(end, "InstrumentationScope");
  return scope;
}
