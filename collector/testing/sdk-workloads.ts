import { CodonWorkload } from "@/sdk";

// Workloads built with this repository's SDK that several integration tests export through real
// OTLP exporters: one definition each, so their expected figures agree across tests.

/**
 * planner → writer ⇄ reviewer: the reviewer approves the second draft, so five activations
 * (planner, writer, reviewer, writer, reviewer); each writer call uses gpt-4o-mini for 1,000 in
 * and 200 out tokens; the reviewer records a `review_verdict` event per round.
 */
export function researchWriterAgent(name = "Research Writer"): CodonWorkload {
  const agent = new CodonWorkload({ name, version: "0.2.0", orgNamespace: "acme" });
  agent.addNode<string>((topic, { runtime }) => {
    runtime.emit("writer", { topic, round: 0 });
    return "outline";
  }, { name: "planner", role: "planner" });
  agent.addNode<{ topic: string; round: number }>((draft, { runtime }) => {
    runtime.recordUsage({ model: "gpt-4o-mini-2024-07-18", vendor: "openai", inputTokens: 1000, outputTokens: 200 });
    runtime.emit("reviewer", { ...draft, round: draft.round + 1 });
    return `draft ${draft.round + 1}`;
  }, { name: "writer", role: "llm", modelName: "gpt-4o-mini", modelVersion: "2024-07-18" });
  agent.addNode<{ topic: string; round: number }>((draft, { runtime }) => {
    const approved = draft.round >= 2;
    runtime.recordEvent("review_verdict", { round: draft.round, approved });
    if (!approved) runtime.emit("writer", draft);
    return approved ? "approved" : "needs work";
  }, { name: "reviewer", role: "critic" });
  agent.addEdge("planner", "writer").addEdge("writer", "reviewer").addEdge("reviewer", "writer");
  return agent;
}

/** plan → search, and search throws `search API returned 503`: the run fails at its second node. */
export function failingToolAgent(): CodonWorkload {
  const agent = new CodonWorkload({ name: "Tool Agent", version: "1.0.0", orgNamespace: "acme" });
  agent.addNode((query: string, { runtime }) => runtime.emit("search", query), { name: "plan", role: "planner" });
  agent.addNode(() => {
    throw new Error("search API returned 503");
  }, { name: "search", role: "tool" });
  agent.addEdge("plan", "search");
  return agent;
}
