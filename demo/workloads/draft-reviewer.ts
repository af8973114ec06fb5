import { CodonWorkload } from "@/sdk";
import { MODELS, type DemoModel } from "@/demo/fake-llm";
import { pick, work, type DemoEnv, type DemoVersion, type DemoWorkload } from "@/demo/workloads/types";

const BRIEFS = [
  "Release notes for the November dashboard update",
  "An apology email for yesterday's 40-minute outage",
  "A LinkedIn post announcing the EU region",
  "Onboarding email for new workspace admins",
  "A changelog entry for API pagination",
];

/** The most drafts a run may write before the reviewer lets it through anyway. */
const MAX_ROUNDS = 4;

interface Draft {
  brief: string;
  round: number;
  text?: string;
  feedback?: string;
}

/** draft ⇄ review until the reviewer approves: a cycle in the graph. */
function build(env: DemoEnv, version: string, options: { reviewModel: DemoModel; reviewModelName: string; publish: boolean; passScore: number }) {
  const agent = new CodonWorkload({ name: "Draft Reviewer", version, description: "Writes a draft and revises it until review passes.", orgNamespace: "acme" });

  agent.addNode<Draft>((draft, { runtime }) => {
    const completion = env.llm.complete(runtime, {
      model: MODELS.gpt4oMini,
      system: "Write the requested text. If feedback is given, revise the previous draft to address every point.",
      prompt: `${draft.brief}\nRound ${draft.round + 1}\n${draft.feedback ?? ""}\n${draft.text ?? ""}`,
      answers: ["A 180-word draft with a clear call to action.", "A revised draft: shorter opening, concrete dates, friendlier close."],
      outputTokens: 260,
    });
    runtime.emit("review", { ...draft, round: draft.round + 1, text: completion.text } satisfies Draft);
    return { round: draft.round + 1, words: 140 + Math.floor(env.random() * 80) };
  }, { name: "draft", role: "writer", modelName: "gpt-4o-mini" });

  agent.addNode<Draft>((draft, { runtime }) => {
    env.llm.complete(runtime, {
      model: options.reviewModel,
      system: "Score the draft 1-10 against the style guide and list what to fix.",
      prompt: `${draft.brief}\n${draft.text ?? ""}`,
      answers: ['{"score": 6, "fix": ["too long", "no date"]}', '{"score": 8, "fix": ["tone"]}', '{"score": 9, "fix": []}'],
      outputTokens: 120,
    });
    // Each revision tends to score better; the last allowed round passes regardless.
    const score = Math.min(10, 4 + draft.round * 1.6 + env.random() * 2.5);
    const approved = score >= options.passScore || draft.round >= MAX_ROUNDS;
    runtime.recordEvent("review_verdict", { round: draft.round, score: Math.round(score * 10) / 10, approved });
    if (!approved) {
      runtime.emit("draft", { ...draft, feedback: `Score ${score.toFixed(1)}: shorten the opening and add the date.` } satisfies Draft);
    } else if (options.publish) {
      runtime.emit("publish", draft);
    }
    return { score: Math.round(score * 10) / 10, approved };
  }, { name: "review", role: "critic", modelName: options.reviewModelName });

  if (options.publish) {
    agent.addNode<Draft>((draft) => {
      work(env, 80, 250); // the CMS API
      return { published: true, rounds: draft.round };
    }, { name: "publish", role: "tool" });
  }

  agent.addEdge("draft", "review").addEdge("review", "draft");
  if (options.publish) agent.addEdge("review", "publish");
  return agent;
}

const versions: DemoVersion[] = [
  {
    version: "0.1.0",
    change: "draft ⇄ review (gpt-4o) until the score reaches 7.5",
    answerQuality: 0.68,
    build: (env) => build(env, "0.1.0", { reviewModel: MODELS.gpt4o, reviewModelName: "gpt-4o", publish: false, passScore: 7.5 }),
  },
  {
    version: "0.2.0",
    change: "review on Claude 3.5 Haiku with a stricter bar (8.5), then publish",
    answerQuality: 0.8,
    build: (env) => build(env, "0.2.0", { reviewModel: MODELS.claudeHaiku, reviewModelName: "claude-3-5-haiku", publish: true, passScore: 8.5 }),
  },
];

export const draftReviewer: DemoWorkload = {
  name: "Draft Reviewer",
  serviceName: "draft-reviewer",
  transport: "grpc",
  versions,
  input: (_index, random) => ({ brief: pick(BRIEFS, random), round: 0 }) satisfies Draft,
};
