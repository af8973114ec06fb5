/**
 * The shape every seeded run shares: a six-node workflow whose critic sends the work back to the
 * planner once, so plan/call_model/critic have two activations each, plus `agent.llm` calls
 * inside the LLM nodes. Expanded here once into per-run "slots" that the seeding SQL cross-joins
 * with the run numbers.
 */
import { createHash } from "node:crypto";

export const WORKLOADS = [
  "support-triage", "research-assistant", "code-review", "invoice-extractor", "sales-outreach",
  "incident-summarizer", "contract-qa", "onboarding-guide", "data-cleaner", "release-notes",
];
export const DEPLOYMENTS = ["prod-eu", "prod-us", "staging"];
export const VERSIONS_PER_WORKLOAD = 3;

export const NODES = [
  { name: "intake", role: "transform" },
  { name: "plan", role: "llm" },
  { name: "call_model", role: "llm" },
  { name: "tools", role: "tool" },
  { name: "critic", role: "llm" },
  { name: "finalize", role: "transform" },
] as const;

export const EDGES = [
  ["intake", "plan"], ["plan", "call_model"], ["call_model", "tools"], ["tools", "critic"],
  ["call_model", "critic"], ["critic", "plan"], ["critic", "finalize"],
].map(([source, target]) => ({ source: source!, target: target! }));

/** The path each run takes: 9 node activations; `tools` fires on the first pass only. */
const PATH = ["intake", "plan", "call_model", "tools", "critic", "plan", "call_model", "critic", "finalize"];
const NODE_MS: Record<string, number> = { intake: 30, tools: 400, finalize: 60 };
const CALL_MS = 900;
const ENTRY = "__entry__";

/** One span of a run, times in microseconds from the run's start (the SQL scales them per run). */
export interface Slot {
  slot: number;
  /** Index of the node activation this span is, or belongs to. */
  act: number;
  node: string;
  role: string;
  llm: boolean;
  parent_slot: number | null;
  /** LLM calls inside this activation (node spans), for the node's usage = sum of its calls. */
  children: number;
  prev_node: string;
  next_node: string | null;
  off_us: number;
  dur_us: number;
  last: boolean;
}

/** `spansPerRun` spans: up to 9 node activations, the rest LLM calls spread over the LLM nodes. */
export function workflowSlots(spansPerRun: number): Slot[] {
  const path = PATH.slice(0, Math.max(1, Math.min(PATH.length, spansPerRun)));
  const llmActs = path.flatMap((node, act) => (NODES.find((n) => n.name === node)!.role === "llm" ? [act] : []));
  const calls = new Array<number>(path.length).fill(0);
  for (let k = 0; k < spansPerRun - path.length && llmActs.length > 0; k++) calls[llmActs[k % llmActs.length]!]! += 1;

  const slots: Slot[] = [];
  let clockUs = 0;
  path.forEach((node, act) => {
    const role = NODES.find((n) => n.name === node)!.role;
    const children = calls[act]!;
    const durUs = role === "llm" ? 50_000 + children * CALL_MS * 1000 : (NODE_MS[node] ?? 100) * 1000;
    const nodeSlot = slots.length;
    const common = { act, node, role, prev_node: path[act - 1] ?? ENTRY, next_node: path[act + 1] ?? null, last: act === path.length - 1 };
    slots.push({ slot: nodeSlot, llm: false, parent_slot: null, children, off_us: clockUs, dur_us: durUs, ...common });
    for (let c = 0; c < children; c++) {
      const offUs = clockUs + 20_000 + c * CALL_MS * 1000;
      slots.push({ slot: slots.length, llm: true, parent_slot: nodeSlot, children: 0, off_us: offUs, dur_us: (CALL_MS - 50) * 1000, ...common, last: false });
    }
    clockUs += durUs + 5_000;
  });
  return slots;
}

/** A UUID-shaped run id, deterministic so reruns seed the same ids. */
export function runId(i: number): string {
  const h = createHash("md5").update(`codon-bench-run-${i}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
