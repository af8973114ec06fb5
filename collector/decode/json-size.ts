import { ExportLimitError, type DecodeLimits } from "@/collector/decode/limits";

/**
 * OTLP/JSON spends a few containers per value (a KeyValue object, its AnyValue object, an
 * array's `values`...): this many per value the decoder may build is generous for real exports.
 */
const CONTAINERS_PER_VALUE = 4;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;

/**
 * JSON.parse builds the whole tree before the decoder can count anything, and `[{},{},...]`
 * costs ~50 bytes of heap per 3 bytes sent. One linear pass counts the objects and arrays
 * outside strings first and refuses the text when the decoder's value budget could not hold
 * them anyway.
 */
export function checkJsonSize(text: string, limits: DecodeLimits): void {
  const max = limits.maxValuesPerExport * CONTAINERS_PER_VALUE;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      if (++containers > max) {
        throw new ExportLimitError(
          `more than ${max} JSON objects and arrays in one export (at most ${limits.maxValuesPerExport} values); send smaller batches`,
          "JSON",
        );
      }
    }
  }
}
