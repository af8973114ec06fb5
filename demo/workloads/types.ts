import type { CodonWorkload } from "@/sdk";
import type { FakeLlm } from "@/demo/fake-llm";
import type { SimClock } from "@/demo/sim-clock";

/** What a demo node needs besides its runtime: simulated time, a fake model, per-run chance. */
export interface DemoEnv {
  readonly clock: SimClock;
  readonly llm: FakeLlm;
  /** Deterministic per run: decides tool failures, review scores, fan-out. */
  readonly random: () => number;
}

export interface DemoVersion {
  /** The version string; two versions of a workload may share one (their logic ids differ). */
  readonly version: string;
  /** What changed, for the summary the demo prints. */
  readonly change: string;
  /** Mean `answer_quality` of this version's runs: the demo's automatic score (demo/scores.ts). */
  readonly answerQuality: number;
  /** A fresh workload per run, its nodes closed over that run's environment. */
  build(env: DemoEnv): CodonWorkload;
}

export interface DemoWorkload {
  readonly name: string;
  readonly serviceName: string;
  readonly transport: "grpc" | "http";
  readonly versions: readonly DemoVersion[];
  /** The payload of the run numbered `index`. */
  input(index: number, random: () => number): unknown;
}

/** Simulated time for work that is not a model call (parsing, formatting, a tool's round trip). */
export function work(env: DemoEnv, minMs: number, maxMs: number): void {
  env.clock.advance(minMs + env.random() * (maxMs - minMs));
}

export function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error("pick() from an empty list");
  return item;
}
