import { CodonWorkload } from "@/sdk";
import { MODELS, type DemoModel } from "@/demo/fake-llm";
import { pick, work, type DemoEnv, type DemoVersion, type DemoWorkload } from "@/demo/workloads/types";

const TOPICS = [
  "tidal power in northern Europe",
  "battery recycling economics",
  "heat pumps in old buildings",
  "small modular reactors",
  "green hydrogen for steel",
  "offshore wind maintenance robots",
];

const ANGLES = ["costs", "policy", "engineering limits", "market size", "case studies"];

interface Brief {
  topic: string;
  angle: string;
  of: number;
}

interface Finding {
  angle: string;
  notes: string;
}

interface Article {
  topic: string;
  draft: string;
}

interface WriterState {
  expected?: number;
  findings?: Finding[];
}

/** planner fans out one brief per angle; researchers run once per brief; the writer waits for all. */
function build(env: DemoEnv, version: string, options: { writerModel: DemoModel; writerModelName: string; editor: boolean }) {
  const agent = new CodonWorkload({
    name: "Research Writer",
    version,
    description: "Plans a short report, researches each angle, writes it up.",
    orgNamespace: "acme",
    tags: ["reports"],
  });

  agent.addNode<string>((topic, { runtime }) => {
    const angles = ANGLES.filter(() => env.random() < 0.55).slice(0, 3);
    if (angles.length < 2) angles.splice(0, angles.length, "costs", "policy");
    env.llm.complete(runtime, {
      model: MODELS.gpt4oMini,
      system: "Split the topic into research angles. Reply with a JSON list.",
      prompt: topic,
      answers: [JSON.stringify(angles)],
      outputTokens: 40,
    });
    runtime.state.expected = angles.length;
    for (const angle of angles) runtime.emit("researcher", { topic, angle, of: angles.length } satisfies Brief);
    return { angles };
  }, { name: "planner", role: "planner", modelName: "gpt-4o-mini" });

  agent.addNode<Brief>((brief, { runtime }) => {
    work(env, 300, 1400); // web search round trip
    runtime.recordEvent("search_results", { angle: brief.angle, results: 5 + Math.floor(env.random() * 6) });
    const completion = env.llm.complete(runtime, {
      model: MODELS.gpt4oMini,
      system: "Summarise the search results into five factual bullet points with sources.",
      prompt: `${brief.topic} — ${brief.angle}\n${"result snippet. ".repeat(60)}`,
      answers: [`Five findings on ${brief.angle}, each with a source.`, `Key numbers for ${brief.angle} from three reports.`],
      outputTokens: 220,
    });
    runtime.emit("writer", { angle: brief.angle, notes: completion.text } satisfies Finding);
    return { angle: brief.angle, notes: completion.text };
  }, { name: "researcher", role: "researcher", modelName: "gpt-4o-mini" });

  agent.addNode<Finding>((finding, { runtime }) => {
    const state = runtime.state as WriterState;
    const findings = (state.findings ??= []);
    findings.push(finding);
    if (findings.length < (state.expected ?? 1)) return { waiting_for: (state.expected ?? 1) - findings.length };
    const completion = env.llm.complete(runtime, {
      model: options.writerModel,
      system: "Write a 600-word briefing from the notes. Neutral tone, cite sources inline.",
      prompt: findings.map((f) => `## ${f.angle}\n${f.notes}`).join("\n\n"),
      answers: ["A 600-word briefing in four sections with nine citations.", "A briefing that leads with costs and closes with open questions."],
      outputTokens: 850,
      cachedInputTokens: options.writerModel.vendor === "anthropic" ? 400 : 0,
    });
    if (options.editor) runtime.emit("editor", { topic: "briefing", draft: completion.text } satisfies Article);
    return { draft: completion.text, sections: findings.length };
  }, { name: "writer", role: "llm", modelName: options.writerModelName });

  if (options.editor) {
    agent.addNode<Article>((article, { runtime }) => {
      const completion = env.llm.complete(runtime, {
        model: MODELS.claudeHaiku,
        system: "Edit for clarity and house style. Return the edited text and a change list.",
        prompt: article.draft.repeat(20),
        answers: ["Tightened the intro, fixed two unit errors, shortened the conclusion."],
        outputTokens: 700,
      });
      return { edits: completion.text };
    }, { name: "editor", role: "editor", modelName: "claude-3-5-haiku" });
  }

  agent.addEdge("planner", "researcher").addEdge("researcher", "writer");
  if (options.editor) agent.addEdge("writer", "editor");
  return agent;
}

const versions: DemoVersion[] = [
  {
    version: "1.0.0",
    change: "planner → researcher (per angle) → writer on gpt-4o",
    answerQuality: 0.7,
    build: (env) => build(env, "1.0.0", { writerModel: MODELS.gpt4o, writerModelName: "gpt-4o", editor: false }),
  },
  {
    version: "1.1.0",
    change: "writer on Claude Sonnet 4.5, plus an editor pass",
    answerQuality: 0.84,
    build: (env) => build(env, "1.1.0", { writerModel: MODELS.claudeSonnet, writerModelName: "claude-sonnet-4-5", editor: true }),
  },
];

export const researchWriter: DemoWorkload = {
  name: "Research Writer",
  serviceName: "research-writer",
  transport: "http",
  versions,
  input: (_index, random) => pick(TOPICS, random),
};
