import type { DecodeBudget } from "@/collector/decode/limits";
import type { AttributeValue, Attributes } from "@/collector/decode/model";

/** Sets an attribute; last duplicate wins. "__proto__" must become an own key, not a prototype swap. */
export function setAttribute<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === "__proto__") {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}

/**
 * One container's attributes under the SDK's rule: the first `maxAttributes` distinct keys are
 * kept, a later duplicate still overwrites, the rest are dropped and counted; so are keys longer
 * than the key length limit. Decoders ask `accepts` first and skip a dropped value unbuilt.
 */
export class AttributeSet {
  readonly values: Attributes = {};
  private count = 0;

  constructor(private readonly budget: DecodeBudget) {}

  accepts(key: string, keyTooLong: boolean): boolean {
    if (keyTooLong) return false;
    return this.count < this.budget.limits.maxAttributes || Object.hasOwn(this.values, key);
  }

  /** Adds a value `accepts` allowed. */
  add(key: string, value: AttributeValue): void {
    if (!Object.hasOwn(this.values, key)) this.count++;
    setAttribute(this.values, key, value);
  }

  drop(): void {
    this.budget.stats.droppedAttributes++;
  }
}
