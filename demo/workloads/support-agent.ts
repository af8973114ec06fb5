import { CodonWorkload } from "@/sdk";
import { MODELS, type DemoModel } from "@/demo/fake-llm";
import { pick, work, type DemoEnv, type DemoVersion, type DemoWorkload } from "@/demo/workloads/types";

const TICKETS = [
  { text: "Where is my order #A-10442? It was due Monday.", intent: "order" },
  { text: "Order #A-10871 arrived damaged, can I get a replacement?", intent: "order" },
  { text: "How do I change the billing email on my account?", intent: "howto" },
  { text: "Has order #A-11020 shipped yet?", intent: "order" },
  { text: "What is your return policy for opened items?", intent: "howto" },
] as const;

type Intent = (typeof TICKETS)[number]["intent"];

interface Ticket {
  text: string;
  intent?: Intent;
  facts?: string;
  toolError?: string;
}

/** What the order service throws when it does not answer in time. */
class OrderServiceTimeout extends Error {
  override name = "OrderServiceTimeout";
}

/** The order-service call: slow, and it times out now and then (deterministically per run). */
function callOrderService(env: DemoEnv, failureRate: number): string {
  if (env.random() < failureRate) {
    env.clock.advance(5000);
    throw new OrderServiceTimeout("order service did not answer within 5000 ms (GET /orders/A-10442)");
  }
  work(env, 120, 600);
  return "status: in transit, carrier: DHL, eta: 2 days";
}

/** router picks a tool; the tool fetches facts; respond writes the reply. */
function build(env: DemoEnv, version: string, options: { routerModel: DemoModel; routerModelName: string; retries: boolean }) {
  const agent = new CodonWorkload({ name: "Support Agent", version, description: "Answers support tickets using the order service and the help center.", orgNamespace: "acme", tags: ["support", "tools"] });

  agent.addNode<Ticket>((ticket, { runtime }) => {
    const intent = TICKETS.find((t) => t.text === ticket.text)?.intent ?? "howto";
    env.llm.complete(runtime, {
      model: options.routerModel,
      system: "Classify the ticket: order | howto. Reply with one word.",
      prompt: ticket.text,
      answers: [intent],
      outputTokens: 3,
    });
    runtime.emit(intent === "order" ? "lookup_order" : "search_help_center", { ...ticket, intent });
    return { intent };
  }, { name: "router", role: "router", modelName: options.routerModelName });

  agent.addNode<Ticket>((ticket, { runtime }) => {
    if (!options.retries) {
      const facts = callOrderService(env, 0.3);
      runtime.emit("respond", { ...ticket, facts });
      return { facts };
    }
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        const facts = callOrderService(env, 0.3);
        runtime.emit("respond", { ...ticket, facts });
        return { facts, attempts: attempt };
      } catch (error) {
        runtime.recordEvent("tool_retry", { tool: "order_service", attempt, error: String(error) });
      }
    }
    runtime.emit("escalate", { ...ticket, toolError: "order service timed out twice" });
    return { escalated: true };
  }, { name: "lookup_order", role: "tool" });

  agent.addNode<Ticket>((ticket, { runtime }) => {
    work(env, 60, 240);
    runtime.recordEvent("articles_found", { count: 2 });
    runtime.emit("respond", { ...ticket, facts: "Help center: 'Change billing email', 'Returns within 30 days'" });
    return { articles: 2 };
  }, { name: "search_help_center", role: "tool" });

  agent.addNode<Ticket>((ticket, { runtime }) => {
    const completion = env.llm.complete(runtime, {
      model: MODELS.gpt4oMini,
      system: "Write a friendly support reply using only the facts given.",
      prompt: `${ticket.text}\nFacts: ${ticket.facts ?? "none"}`,
      answers: ["Thanks for reaching out! Your order is on its way and should arrive in two days.", "Here is how to do that: Settings → Billing → Email."],
      outputTokens: 110,
    });
    return { reply: completion.text };
  }, { name: "respond", role: "llm", modelName: "gpt-4o-mini" });

  if (options.retries) {
    agent.addNode<Ticket>((ticket) => {
      work(env, 20, 60);
      return { queue: "tier-2", reason: ticket.toolError };
    }, { name: "escalate", role: "handoff" });
  }

  agent.addEdge("router", "lookup_order").addEdge("router", "search_help_center");
  agent.addEdge("lookup_order", "respond").addEdge("search_help_center", "respond");
  if (options.retries) agent.addEdge("lookup_order", "escalate");
  return agent;
}

const versions: DemoVersion[] = [
  {
    version: "1.0.0",
    change: "router → order service or help center → reply; an order-service timeout fails the run",
    answerQuality: 0.72,
    build: (env) => build(env, "1.0.0", { routerModel: MODELS.gpt4oMini, routerModelName: "gpt-4o-mini", retries: false }),
  },
  {
    version: "1.1.0",
    change: "retries the order service once, escalates to a human after that; router on a self-hosted Llama",
    answerQuality: 0.78,
    build: (env) => build(env, "1.1.0", { routerModel: MODELS.llamaLocal, routerModelName: "llama-3.1-8b-instruct", retries: true }),
  },
];

export const supportAgent: DemoWorkload = {
  name: "Support Agent",
  serviceName: "support-agent",
  transport: "http",
  versions,
  input: (_index, random) => ({ text: pick(TICKETS, random).text }) satisfies Ticket,
};
