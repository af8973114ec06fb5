import type { Kysely } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { DB } from "@/lib/db/types";
import { makeDagNode } from "@/lib/runs/testing";
import type { RunDag, RunView } from "@/lib/runs/types";
import { dagBuildsSettled, keptRunDag, MAX_CONCURRENT_BUILDS } from "@/lib/runs/queries/run-dag-memo";

// The memo only keys on the database handle; the builds here are the callers' functions, so no
// database is read. That ingest moves the stamp, and what a real build returns, is checked on both
// backends in collector/store/dag-memo-stamp.test.ts.
const handle = () => ({}) as Kysely<DB>;
const runView = (spanCount: number) => ({ runId: "run-1", spanCount, status: "running" }) as RunView;
const dagOf = (spanCount: number, nodeName: string): RunDag => ({
  run: runView(spanCount),
  nodes: [makeDagNode(nodeName)],
  edges: [],
  omittedNodes: 0,
  redactedValues: 0,
  spansUnread: 0,
  graphAsOf: null,
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A build that resolves when the test says so, counting its calls. */
function controlledBuild(result: RunDag) {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const build = vi.fn(async () => {
    await released;
    return result;
  });
  return { build, release };
}

afterEach(() => vi.restoreAllMocks());

describe("a large run's DAG kept between reads", () => {
  it("starts a background build only while a build slot is free: it never queues ahead of a first view", async () => {
    const db = handle();
    const other = { ...runView(10), runId: "run-kept" };
    await keptRunDag(db, "t", other, 500, "s1", async () => dagOf(10, "kept"));
    const firstViews = [0, 1].map((i) => controlledBuild(dagOf(10, `first-${i}`)));
    const reads = firstViews.map(({ build }, i) => keptRunDag(db, "t", { ...runView(10), runId: `run-new-${i}` }, 500, "s1", build));
    const behindBuild = controlledBuild(dagOf(11, "kept-again"));
    const behind = await keptRunDag(db, "t", { ...other, spanCount: 11 }, 500, "s2", behindBuild.build);
    expect(behind.graphAsOf).not.toBeNull();
    for (const { release } of firstViews) release();
    await Promise.all(reads);
    await sleep(5);
    // Not queued behind them either: the next read after a free slot starts it.
    expect(behindBuild.build).not.toHaveBeenCalled();
    await keptRunDag(db, "t", { ...other, spanCount: 11 }, 500, "s2", behindBuild.build);
    expect(behindBuild.build).toHaveBeenCalledTimes(1);
    behindBuild.release();
    await dagBuildsSettled(db);
  });

  it("builds at most MAX_CONCURRENT_BUILDS runs' graphs at once: the first views of more runs take turns", async () => {
    const db = handle();
    const builds = [0, 1, 2, 3].map((i) => controlledBuild(dagOf(10, `node-${i}`)));
    const reads = builds.map(({ build }, i) => keptRunDag(db, "t", { ...runView(10), runId: `run-${i}` }, 500, "s1", build));
    await sleep(5);
    expect(builds.filter(({ build }) => build.mock.calls.length > 0)).toHaveLength(MAX_CONCURRENT_BUILDS);
    builds[0]!.release();
    await sleep(5);
    expect(builds.filter(({ build }) => build.mock.calls.length > 0)).toHaveLength(MAX_CONCURRENT_BUILDS + 1);
    for (const { release } of builds) release();
    expect((await Promise.all(reads)).map((dag) => dag.nodes[0]!.name)).toEqual(["node-0", "node-1", "node-2", "node-3"]);
  });

  it("builds once for readers arriving together while nothing is kept", async () => {
    const db = handle();
    const { build, release } = controlledBuild(dagOf(10, "plan"));
    const reads = [1, 2, 3].map(() => keptRunDag(db, "t", runView(10), 500, "s1", build));
    release();
    const dags = await Promise.all(reads);
    expect(build).toHaveBeenCalledTimes(1);
    for (const dag of dags) expect(dag).toEqual(dagOf(10, "plan"));
    // Copies: a caller changing its own changes nothing kept.
    dags[0]!.nodes.length = 0;
    expect((await keptRunDag(db, "t", runView(10), 500, "s1", build)).nodes).toHaveLength(1);
  });

  it("answers a read after a change at once with the kept graph under the current header, and builds behind it", async () => {
    const db = handle();
    const beforeFirstBuild = Date.now();
    await keptRunDag(db, "t", runView(10), 500, "s1", async () => dagOf(10, "plan"));
    await sleep(5);
    const next = controlledBuild(dagOf(12, "review"));
    const behind = await keptRunDag(db, "t", runView(12), 500, "s2", next.build);
    // Answered while the new build has not finished.
    expect(next.build).toHaveBeenCalledTimes(1);
    expect(behind.run.spanCount).toBe(12);
    expect(behind.nodes.map((node) => node.name)).toEqual(["plan"]);
    expect(Date.parse(behind.graphAsOf!)).toBeGreaterThanOrEqual(beforeFirstBuild);
    expect(Date.parse(behind.graphAsOf!)).toBeLessThanOrEqual(Date.now());
    // A second read meanwhile starts no second build.
    await keptRunDag(db, "t", runView(12), 500, "s2", next.build);
    expect(next.build).toHaveBeenCalledTimes(1);
    next.release();
    await dagBuildsSettled(db);
    const current = await keptRunDag(db, "t", runView(12), 500, "s2", next.build);
    expect(current).toEqual(dagOf(12, "review"));
  });

  it("builds a run that changes before every read at most once per twice its last build time", async () => {
    const db = handle();
    const BUILD_MS = 30;
    let builds = 0;
    const build = async () => {
      builds++;
      await sleep(BUILD_MS);
      return dagOf(10, "plan");
    };
    const started = performance.now();
    let stamp = 0;
    while (performance.now() - started < 600) {
      const dag = await keptRunDag(db, "t", runView(10), 500, `s${stamp++}`, build);
      expect(dag.nodes).toHaveLength(1);
      await sleep(2);
    }
    await dagBuildsSettled(db);
    const elapsed = performance.now() - started;
    // Each build takes at least BUILD_MS (less a timer's millisecond) and is followed by twice that
    // before the next may start; the first read waited for its own build.
    expect(builds).toBeGreaterThan(1);
    expect(builds).toBeLessThanOrEqual(1 + Math.ceil(elapsed / (3 * (BUILD_MS - 1))));
    // Reads kept coming far more often than builds.
    expect(stamp).toBeGreaterThan(builds * 3);
  });

  it("keeps serving the kept graph when a build behind it fails, logs it, and tries again later", async () => {
    const db = handle();
    const warnings: string[] = [];
    vi.spyOn(console, "warn").mockImplementation((line: string) => void warnings.push(line));
    await keptRunDag(db, "t", runView(10), 500, "s1", async () => dagOf(10, "plan"));
    await sleep(5);
    const failing = vi.fn(async (): Promise<RunDag> => {
      throw new Error("connection reset");
    });
    const behind = await keptRunDag(db, "t", runView(11), 500, "s2", failing);
    await dagBuildsSettled(db);
    expect(failing).toHaveBeenCalledTimes(1);
    expect(behind.nodes.map((node) => node.name)).toEqual(["plan"]);
    expect(warnings.some((line) => line.includes("could not be built again") && line.includes("connection reset") && line.includes("runId=run-1"))).toBe(true);
    // Not again at once...
    expect((await keptRunDag(db, "t", runView(11), 500, "s2", failing)).graphAsOf).not.toBeNull();
    await dagBuildsSettled(db);
    expect(failing).toHaveBeenCalledTimes(1);
    // ...but a second later.
    await sleep(1_100);
    const recovered = vi.fn(async () => dagOf(11, "review"));
    await keptRunDag(db, "t", runView(11), 500, "s2", recovered);
    await dagBuildsSettled(db);
    expect(recovered).toHaveBeenCalledTimes(1);
    expect(await keptRunDag(db, "t", runView(11), 500, "s2", recovered)).toEqual(dagOf(11, "review"));
  });

  it("makes a caller that asks for the current graph wait for it, joining the build under way and then building once more", async () => {
    const db = handle();
    await keptRunDag(db, "t", runView(10), 500, "s1", async () => dagOf(10, "plan"));
    await sleep(5);
    const behindBuild = controlledBuild(dagOf(11, "search"));
    expect((await keptRunDag(db, "t", runView(11), 500, "s2", behindBuild.build)).graphAsOf).not.toBeNull();
    // The run changed again while s2's build runs: the waiting caller needs s3.
    const current = vi.fn(async () => dagOf(12, "review"));
    const waiting = keptRunDag(db, "t", runView(12), 500, "s3", current, true);
    behindBuild.release();
    expect(await waiting).toEqual(dagOf(12, "review"));
    expect(current).toHaveBeenCalledTimes(1);
    // Unchanged since: served from what is kept, no build.
    expect(await keptRunDag(db, "t", runView(12), 500, "s3", current, true)).toEqual(dagOf(12, "review"));
    expect(current).toHaveBeenCalledTimes(1);
  });

  it("gives the error to a first read whose build fails, and keeps nothing", async () => {
    const db = handle();
    await expect(keptRunDag(db, "t", runView(10), 500, "s1", async () => Promise.reject(new Error("statement timeout")))).rejects.toThrow("statement timeout");
    const build = vi.fn(async () => dagOf(10, "plan"));
    expect(await keptRunDag(db, "t", runView(10), 500, "s1", build)).toEqual(dagOf(10, "plan"));
    expect(build).toHaveBeenCalledTimes(1);
  });

  it("keeps a graph cut at another node limit apart", async () => {
    const db = handle();
    await keptRunDag(db, "t", runView(10), 500, "s1", async () => dagOf(10, "plan"));
    const other = await keptRunDag(db, "t", runView(10), 2000, "s1", async () => dagOf(10, "wide"));
    expect(other.graphAsOf).toBeNull();
    expect(other.nodes.map((node) => node.name)).toEqual(["wide"]);
  });
});
