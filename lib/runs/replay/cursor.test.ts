import { describe, expect, it } from "vitest";
import type { LedgerEvent } from "@/lib/runs/types";
import { ReplayCursor } from "@/lib/runs/replay/cursor";
import { buildReplayModel, QueueOp } from "@/lib/runs/replay/model";
import { dequeue, enqueue, makeLedgerEvent, tokensByNode } from "@/lib/runs/replay/testing";

const N = 10_000;
const HALF = N / 2;

/** 5,000 enqueues alternating between two nodes (t0 → left, t1 → right, …), then 5,000 dequeues in the same order. */
function backlog(): LedgerEvent[] {
  const events: LedgerEvent[] = [];
  const node = (j: number) => (j % 2 === 0 ? "left" : "right");
  for (let j = 0; j < HALF; j++) events.push(enqueue(j, `t${j}`, "source", node(j)));
  for (let j = 0; j < HALF; j++) events.push(dequeue(HALF + j, `t${j}`, "source", node(j)));
  return events;
}

/** Seeded, with loops, re-sent token ids, dequeues that were never enqueued and custom events. */
function randomLedger(n: number, seed = 7): LedgerEvent[] {
  let s = seed;
  const random = () => ((s = (s * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  const nodes = ["plan", "draft", "review", "publish", "tool"];
  const waiting: { token: string; source: string; target: string }[] = [];
  const events: LedgerEvent[] = [];
  for (let i = 0; i < n; i++) {
    const r = random();
    if (r < 0.45 || waiting.length === 0) {
      // Sometimes the same token id again: a re-delivery.
      const token = r < 0.05 && waiting.length > 0 ? waiting[0]!.token : `tok${i}`;
      const source = nodes[Math.floor(random() * nodes.length)]!;
      const target = nodes[Math.floor(random() * nodes.length)]!;
      waiting.push({ token, source, target });
      events.push(enqueue(i, token, source, target));
    } else if (r < 0.85) {
      const [taken] = waiting.splice(Math.floor(random() * waiting.length), 1);
      events.push(dequeue(i, taken!.token, taken!.source, taken!.target));
    } else if (r < 0.9) {
      events.push(dequeue(i, `ghost${i}`, "plan", "draft"));
    } else {
      events.push(makeLedgerEvent(i, { eventType: "review_verdict", sourceNode: "review", metadata: { round: i } }));
    }
  }
  return events;
}

/** The queues after event `index`, recomputed from the start: the oracle. */
function naiveQueues(events: readonly LedgerEvent[], index: number): Record<string, string[]> {
  const queues = new Map<string, { token: string; at: number }[]>();
  for (let i = 0; i <= index; i++) {
    const e = events[i]!;
    if (!e.targetNode) continue;
    if (e.eventType === "token_enqueued") {
      if (!queues.has(e.targetNode)) queues.set(e.targetNode, []);
      queues.get(e.targetNode)!.push({ token: e.tokenId ?? "", at: i });
    } else if (e.eventType === "token_dequeued") {
      const list = queues.get(e.targetNode) ?? [];
      const at = list.findIndex((item) => item.token === (e.tokenId ?? ""));
      if (at >= 0) list.splice(at, 1);
    }
  }
  // Every node that ever got a token is listed, even once empty again.
  const firstSeen = [...new Set(events.filter((e) => e.eventType === "token_enqueued" && e.targetNode).map((e) => e.targetNode!))];
  return Object.fromEntries(firstSeen.map((node) => [node, (queues.get(node) ?? []).map((item) => item.token)]));
}

describe("replay queues over 10,000 events", () => {
  const events = backlog();
  const model = buildReplayModel(events);

  it("holds exactly the tokens enqueued and not yet dequeued at each step", () => {
    const cursor = new ReplayCursor(model);
    const at = (index: number) => cursor.seek(index).queues();
    const ids = (from: number, to: number) => Array.from({ length: (to - from) / 2 + 1 }, (_, k) => `t${from + 2 * k}`);

    expect(tokensByNode(at(0))).toEqual({ left: ["t0"], right: [] });
    expect(tokensByNode(at(3))).toEqual({ left: ["t0", "t2"], right: ["t1", "t3"] });
    const full = at(HALF - 1);
    expect(full.map((q) => q.size)).toEqual([2500, 2500]);
    expect(tokensByNode(full)).toEqual({ left: ids(0, 4998), right: ids(1, 4999) });
    // Halfway through the dequeues: t0…t2499 are gone.
    expect(tokensByNode(at(HALF + 2499))).toEqual({ left: ids(2500, 4998), right: ids(2501, 4999) });
    expect(tokensByNode(at(N - 2))).toEqual({ left: [], right: ["t4999"] });
    expect(at(N - 1).map((q) => q.size)).toEqual([0, 0]);
  });

  it("caps the tokens listed per queue but keeps the count", () => {
    const views = new ReplayCursor(model).seek(HALF + 100).queues(3);
    expect(views).toEqual([
      { node: "left", size: 2449, entries: [{ index: 102, tokenId: "t102" }, { index: 104, tokenId: "t104" }, { index: 106, tokenId: "t106" }] },
      { node: "right", size: 2450, entries: [{ index: 101, tokenId: "t101" }, { index: 103, tokenId: "t103" }, { index: 105, tokenId: "t105" }] },
    ]);
  });

  it("gives the same state whether it steps to a step, seeks to it, or comes back to it", () => {
    const random = randomLedger(N);
    const m = buildReplayModel(random);
    const stepper = new ReplayCursor(m);
    const jumper = new ReplayCursor(m);
    const probes = new Set([0, 1, 255, 256, 257, 511, 4_321, 5_000, 7_777, 9_998, 9_999]);
    for (let i = 0; i < N; i++) {
      stepper.seek(i);
      if (!probes.has(i) && i % 997 !== 0) continue;
      const stepped = stepper.queues();
      expect(new ReplayCursor(m).seek(i).queues()).toEqual(stepped);
      // From far ahead and from just behind.
      expect(jumper.seek(N - 1).seek(i).queues()).toEqual(stepped);
      expect(jumper.seek(i + 3).seek(i).queues()).toEqual(stepped);
      expect(tokensByNode(stepped)).toEqual(naiveQueues(random, i));
    }
    // And stepping backwards all the way agrees with the oracle too.
    for (let i = N - 1; i >= 0; i--) {
      stepper.seek(i);
      if (i % 1_111 === 0) expect(tokensByNode(stepper.queues())).toEqual(naiveQueues(random, i));
    }
  });

  it("costs one delta per step and at most one checkpoint interval per seek", () => {
    const cursor = new ReplayCursor(model);
    for (let i = 0; i < 600; i++) {
      const before = cursor.work;
      cursor.seek(i);
      expect(cursor.work - before).toBe(1);
    }
    for (const target of [9_999, 3, 5_000, 4_999, 7_123, 0, 8_191]) {
      const before = cursor.work;
      cursor.seek(target);
      expect(cursor.work - before).toBeLessThanOrEqual(model.checkpointEvery);
    }
    expect(model.checkpoints).toHaveLength(Math.floor(N / model.checkpointEvery) + 1);
  });
});

describe("buildReplayModel", () => {
  it("pairs each dequeue with the earliest waiting enqueue of its token for its node", () => {
    const events = [
      enqueue(0, "a", "__entry__", "draft"),
      enqueue(1, "a", "__entry__", "draft"),
      dequeue(2, "a", "__entry__", "draft"),
      dequeue(3, "b", "review", "draft"),
      makeLedgerEvent(4, { eventType: "node_completed", sourceNode: "draft" }),
    ];
    const model = buildReplayModel(events);
    expect(model.queues).toEqual(["draft"]);
    expect(Array.from(model.ops)).toEqual([QueueOp.Enqueue, QueueOp.Enqueue, QueueOp.Dequeue, QueueOp.UnmatchedDequeue, QueueOp.None]);
    expect(Array.from(model.entryOf)).toEqual([0, 1, 0, -1, -1]);
    expect(Array.from(model.takenAt)).toEqual([2, -1, -1, -1, -1]);
    expect(Array.from(model.offsetMs)).toEqual([0, 1, 2, 3, 4]);
    expect(tokensByNode(new ReplayCursor(model).seek(4).queues())).toEqual({ draft: ["a"] });
  });

  it("handles an empty ledger", () => {
    const model = buildReplayModel([]);
    const cursor = new ReplayCursor(model).seek(5);
    expect(cursor.index).toBe(-1);
    expect(cursor.queues()).toEqual([]);
  });
});
