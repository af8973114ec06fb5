import { describe, expect, it } from "vitest";
import { TenantQueues, type Queued } from "@/collector/pipeline/tenant-queues";

const entry = (tenantId: string, rows: number, tag = ""): Queued & { tag: string } => ({ tenantId, rows, tag });

describe("TenantQueues", () => {
  it("serves tenants in turns, each in its own order", () => {
    const q = new TenantQueues<ReturnType<typeof entry>>();
    for (let i = 0; i < 4; i++) q.push(entry("flood", 10, `f${i}`));
    q.push(entry("small", 1, "s0"));
    q.push(entry("small", 1, "s1"));
    expect(q.take(22).map((e) => e.tag)).toEqual(["f0", "s0", "f1", "s1"]);
    expect(q.take(100).map((e) => e.tag)).toEqual(["f2", "f3"]);
    expect(q.rows).toBe(0);
    expect(q.size).toBe(0);
  });

  it("takes at least one export however large, and carries the turn over to the next take", () => {
    const q = new TenantQueues<ReturnType<typeof entry>>();
    q.push(entry("a", 50, "a0"));
    q.push(entry("a", 1, "a1"));
    q.push(entry("b", 1, "b0"));
    expect(q.take(10).map((e) => e.tag)).toEqual(["a0"]);
    expect(q.take(10).map((e) => e.tag)).toEqual(["b0", "a1"]);
  });

  it("refuses a tenant over its share of a full queue while admitting the others", () => {
    const q = new TenantQueues<ReturnType<typeof entry>>();
    q.push(entry("flood", 90));
    expect(q.admits("flood", 20, 100)).toBe(false);
    expect(q.admits("other", 20, 100)).toBe(true); // nothing waiting of its own: always let in
    q.push(entry("other", 20));
    expect(q.admits("other", 20, 100)).toBe(true); // 40 of a 50-row share
    expect(q.admits("flood", 1, 100)).toBe(false);
    expect(q.admits("other", 40, 100)).toBe(false);
    expect(q.rowsOf("flood")).toBe(90);
  });
});
