import type { Attributes } from "@/collector/decode/model";

/** An `isAggregate` test: the string attribute `key` has one of `values` (after `normalize`). */
export function attributeIsOneOf(key: string, values: readonly string[], normalize: (value: string) => string = (value) => value) {
  const set = new Set(values);
  return (_spanName: string, attributes: Attributes): boolean => {
    const value = attributes[key];
    return typeof value === "string" && set.has(normalize(value));
  };
}
