import { describe, expect, it } from "vitest";
import { RunChangeHub } from "@/lib/runtime/run-changes";

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("RunChangeHub", () => {
  it("tells a run's watchers of its changes only, and every subscriber of all", () => {
    const watching: boolean[] = [];
    const hub = new RunChangeHub();
    hub.onWatching((on) => watching.push(on));
    const seen: string[] = [];
    const stopA = hub.watch("t1", "a", () => seen.push("a"));
    const stopA2 = hub.watch("t1", "a", () => seen.push("a2"));
    const stopB = hub.watch("t2", "a", () => seen.push("t2/a"));
    const stopAll = hub.subscribe((change) => seen.push(`all ${change.runIds.join()}`));
    expect(hub.listenerCount).toBe(4);
    expect(hub.watchedRuns()).toEqual([{ tenantId: "t1", runId: "a" }, { tenantId: "t2", runId: "a" }]);

    hub.publish({ tenantId: "t1", runIds: ["a", "b"] });
    hub.publish({ tenantId: "t1", runIds: [] });
    expect(seen).toEqual(["a", "a2", "all a,b"]);

    stopA();
    stopA2();
    stopA2();
    stopB();
    stopAll();
    expect(hub.listenerCount).toBe(0);
    expect(hub.watchedRuns()).toEqual([]);
    expect(watching).toEqual([true, false]);
  });

  it("a throwing listener fails neither the publish nor the others", () => {
    const hub = new RunChangeHub();
    const seen: string[] = [];
    hub.watch("t", "r", () => {
      throw new Error("broken view");
    });
    hub.watch("t", "r", () => seen.push("ok"));
    expect(() => hub.publish({ tenantId: "t", runIds: ["r"] })).not.toThrow();
    expect(seen).toEqual(["ok"]);
  });

  it("shares one load of a watched run between callers until the run changes", async () => {
    const hub = new RunChangeHub();
    let loads = 0;
    const load = async () => ++loads;
    const stop = hub.watch("t", "r", () => {});
    const first = await Promise.all([hub.sharedLoad("t", "r", "view", load), hub.sharedLoad("t", "r", "view", load)]);
    expect(first).toEqual([1, 1]);
    expect(await hub.sharedLoad("t", "r", "view", load)).toBe(1);
    // Another view of the same run has its own load.
    expect(await hub.sharedLoad("t", "r", "other", load)).toBe(2);

    hub.publish({ tenantId: "t", runIds: ["r"] });
    expect(await hub.sharedLoad("t", "r", "view", load)).toBe(3);
    expect(await hub.sharedLoad("t", "r", "view", load)).toBe(3);

    // Unwatched, nothing is kept.
    stop();
    expect(await hub.sharedLoad("t", "r", "view", load)).toBe(4);
    expect(await hub.sharedLoad("t", "r", "view", load)).toBe(5);
  });

  it("does not keep a failed load, and a change during a load makes the next caller read again", async () => {
    const hub = new RunChangeHub();
    hub.watch("t", "r", () => {});
    await expect(hub.sharedLoad("t", "r", "v", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await hub.sharedLoad("t", "r", "v", async () => "up")).toBe("up");

    let finish!: (value: string) => void;
    const slow = hub.sharedLoad("t", "r", "v2", () => new Promise<string>((resolve) => (finish = resolve)));
    hub.publish({ tenantId: "t", runIds: ["r"] });
    const after = hub.sharedLoad("t", "r", "v2", async () => "after the change");
    finish("before the change");
    expect(await slow).toBe("before the change");
    expect(await after).toBe("after the change");
  });

  it("runs at most maxConcurrentLoads loads at once", async () => {
    const hub = new RunChangeHub({ maxConcurrentLoads: 2 });
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const load = () =>
      new Promise<number>((resolve) => {
        running++;
        most = Math.max(most, running);
        releases.push(() => {
          running--;
          resolve(running);
        });
      });
    const all = Promise.all(Array.from({ length: 6 }, (_, i) => hub.sharedLoad("t", `run-${i}`, "v", load)));
    let finished = 0;
    while (finished < 6) {
      await tick();
      const started = releases.splice(0);
      expect(started.length).toBe(2);
      started.forEach((release) => release());
      finished += started.length;
    }
    await all;
    expect(most).toBe(2);
  });
});
