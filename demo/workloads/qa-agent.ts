import { CodonWorkload } from "@/sdk";
import { MODELS, type DemoModel } from "@/demo/fake-llm";
import { pick, work, type DemoEnv, type DemoVersion, type DemoWorkload } from "@/demo/workloads/types";

// The QA agent of shared/codon-telemetry.md's test vectors: with these signatures and schemas,
// version 0.1.0 has the documented logic id 603dd807….
const INPUT_SCHEMA = '{"message": "typing.Dict[str, typing.Any]"}';
const signature = (node: string) => `${node}(message: Dict[str, Any], *, runtime, context)`;
const SYSTEM = "You answer questions about the Acme platform. Cite the document you used. Answer in at most three sentences.";

const QUESTIONS = [
  "How do I rotate an API key without downtime?",
  "What is the retention period for audit logs?",
  "Can I export run history as CSV?",
  "Why does my deployment show as degraded?",
  "How are tokens counted for cached prompts?",
  "Which regions does the EU deployment run in?",
  "How do I invite a teammate to a workspace?",
];

const ANSWERS = [
  "Create a second key, roll it out to your senders, then revoke the old one; both work until you revoke (docs: api-keys.md).",
  "Audit logs are kept for 400 days on every plan, then deleted (docs: retention.md).",
  "Yes: Runs → Export gives CSV with one row per run, including cost and tokens (docs: export.md).",
  "A deployment is degraded when more than 5% of its runs failed in the last hour (docs: health.md).",
  "Cached prompt tokens count as input tokens and are billed at the provider's cache-read price (docs: pricing.md).",
];

interface Question {
  message: { question: string; prompt?: string; documents?: string[]; answer?: string };
}

function build(env: DemoEnv, version: string, options: { retrieve: boolean; model: DemoModel; modelName: string; modelVersion: string }) {
  const agent = new CodonWorkload({ name: "QA-Agent", version, description: "", orgNamespace: "acme" });
  const node = (name: string, role: string, extra: { modelName?: string; modelVersion?: string } = {}) => ({
    name,
    role,
    callableSignature: signature(name),
    inputSchema: INPUT_SCHEMA,
    ...extra,
  });

  agent.addNode<Question>(({ message }, { runtime }) => {
    work(env, 2, 9);
    const prompt = `${SYSTEM}\n\nQuestion: ${message.question}`;
    runtime.emit(options.retrieve ? "retrieve" : "call_model", { message: { ...message, prompt } });
    return { prompt_chars: prompt.length };
  }, node("prompt_builder", "format_prompt"));

  if (options.retrieve) {
    agent.addNode<Question>(({ message }, { runtime }) => {
      // An embedding call, then the vector store's round trip.
      runtime.recordUsage({ model: "text-embedding-3-small", vendor: "openai", inputTokens: Math.ceil(message.question.length / 4) + 2, outputTokens: 0 });
      work(env, 40, 160);
      const documents = ["api-keys.md", "retention.md", "pricing.md", "health.md"].filter(() => env.random() < 0.5).slice(0, 3);
      runtime.recordEvent("documents_retrieved", { count: documents.length, index: "docs-2026-11" });
      runtime.emit("call_model", { message: { ...message, documents } });
      return { documents };
    }, node("retrieve", "retriever"));
  }

  agent.addNode<Question>(({ message }, { runtime }) => {
    const context = (message.documents ?? []).map((doc) => `[${doc}] …`).join("\n");
    const completion = env.llm.complete(runtime, {
      model: options.model,
      system: SYSTEM,
      prompt: `${context}\n${message.prompt ?? message.question}`,
      answers: ANSWERS,
      outputTokens: 90,
      cachedInputTokens: options.model.vendor === "anthropic" ? 120 : 0,
    });
    runtime.emit("finalize", { message: { ...message, answer: completion.text } });
    return { answer: completion.text };
  }, node("call_model", "llm", { modelName: options.modelName, modelVersion: options.modelVersion }));

  agent.addNode<Question>(({ message }, { runtime, context }) => {
    work(env, 1, 4);
    const sources = message.documents ?? [];
    // A node-level score, sent as an event on this activation's span: does the answer rest on a retrieved document?
    runtime.recordScore({
      name: "grounded",
      value: sources.length > 0,
      explanation: sources.length > 0 ? `cites ${sources.join(", ")}` : "no retrieved document to cite",
      id: `${context.runId}:grounded`,
    });
    return { answer: message.answer, sources };
  }, node("finalize", "postprocess"));

  agent.addEdge("prompt_builder", options.retrieve ? "retrieve" : "call_model");
  if (options.retrieve) agent.addEdge("retrieve", "call_model");
  agent.addEdge("call_model", "finalize");
  return agent;
}

const versions: DemoVersion[] = [
  {
    version: "0.1.0",
    change: "prompt → gpt-4o-mini → answer",
    answerQuality: 0.62,
    build: (env) => build(env, "0.1.0", { retrieve: false, model: MODELS.gpt4oMini, modelName: "gpt-4o-mini", modelVersion: "2024-07-18" }),
  },
  {
    version: "0.2.0",
    change: "adds document retrieval before the model",
    answerQuality: 0.81,
    build: (env) => build(env, "0.2.0", { retrieve: true, model: MODELS.gpt4oMini, modelName: "gpt-4o-mini", modelVersion: "2024-07-18" }),
  },
  {
    version: "0.2.0",
    change: "same version string, model switched to Claude 3.5 Haiku (a new logic id)",
    // The model switch the version verdict flags as a cost regression also answers worse.
    answerQuality: 0.58,
    build: (env) => build(env, "0.2.0", { retrieve: true, model: MODELS.claudeHaiku, modelName: "claude-3-5-haiku", modelVersion: "20241022" }),
  },
];

export const qaAgent: DemoWorkload = {
  name: "QA-Agent",
  serviceName: "qa-agent",
  transport: "grpc",
  versions,
  input: (_index, random) => ({ message: { question: pick(QUESTIONS, random) } }),
};
