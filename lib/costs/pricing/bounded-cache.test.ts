import { describe, expect, it } from "vitest";
import { BoundedCache } from "@/lib/costs/pricing/bounded-cache";

describe("BoundedCache", () => {
  it("never stores a key longer than the limit", () => {
    const cache = new BoundedCache<number>({ maxEntries: 10, maxBytes: 1_000_000, maxKeyLength: 8 });
    expect(cache.set("x".repeat(9), 1)).toBe(false);
    expect(cache.has("x".repeat(9))).toBe(false);
    expect(cache.set("x".repeat(8), 1)).toBe(true);
    expect(cache.size).toBe(1);
  });

  it("keeps at most maxEntries, dropping the oldest first", () => {
    const cache = new BoundedCache<number>({ maxEntries: 3, maxBytes: 1_000_000, maxKeyLength: 100 });
    for (let i = 0; i < 10; i++) cache.set(`k${i}`, i);
    expect(cache.size).toBe(3);
    expect([cache.get("k7"), cache.get("k8"), cache.get("k9"), cache.get("k6")]).toEqual([7, 8, 9, undefined]);
  });

  it("keeps its bytes under maxBytes whatever the values weigh", () => {
    const cache = new BoundedCache<string>({ maxEntries: 1_000, maxBytes: 10_000, maxKeyLength: 100 }, (value) => value.length * 2);
    for (let i = 0; i < 500; i++) cache.set(`key-${i}`, "v".repeat(i % 50));
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeGreaterThan(10);
    // A value bigger than the whole budget is refused rather than emptying the cache for nothing.
    expect(cache.set("huge", "v".repeat(10_000))).toBe(false);
    expect(cache.has("huge")).toBe(false);
  });

  it("accounts for a replaced key once", () => {
    const cache = new BoundedCache<string>({ maxEntries: 10, maxBytes: 10_000, maxKeyLength: 100 }, (value) => value.length * 2);
    cache.set("a", "x".repeat(100));
    const once = cache.bytes;
    cache.set("a", "x".repeat(100));
    expect(cache.bytes).toBe(once);
    cache.delete("a");
    expect(cache.bytes).toBe(0);
  });
});
