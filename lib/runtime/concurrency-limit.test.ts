import { describe, expect, it } from "vitest";
import { concurrencyLimit } from "@/lib/runtime/concurrency-limit";

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("concurrencyLimit", () => {
  it("runs at most max tasks at once, the others in the order they came, and a failure frees its slot", async () => {
    const limit = concurrencyLimit(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const release: (() => void)[] = [];
    const task = (i: number, fail = false) =>
      limit(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => release.push(resolve));
        running--;
        if (fail) throw new Error(`task ${i} failed`);
        return i;
      });
    const results = [task(0, true), task(1), task(2), task(3)].map((p) => p.then((v) => v, (e: Error) => e.message));
    await tick();
    expect(started).toEqual([0, 1]);
    release.shift()!();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    while (release.length > 0) {
      release.shift()!();
      await tick();
    }
    expect(await Promise.all(results)).toEqual(["task 0 failed", 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(most).toBe(2);
  });
});
