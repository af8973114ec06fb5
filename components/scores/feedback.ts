// The run page's feedback form as data: what the user picked, turned into the score the API stores.
import type { ScoreInput } from "@/lib/scores/types";

/** Score names the form records: thumbs as a boolean, the 1–5 rating as a number. */
export const THUMBS_SCORE = "user_feedback";
export const RATING_SCORE = "user_rating";
/** The API's limit on a comment (lib/scores/input.ts: SCORE_LIMITS.comment; not imported, it brings zod). */
export const COMMENT_MAX = 4096;

export type FeedbackChoice = "up" | "down" | "1" | "2" | "3" | "4" | "5";
export const RATINGS = ["1", "2", "3", "4", "5"] as const satisfies readonly FeedbackChoice[];

export interface FeedbackDraft {
  choice: FeedbackChoice | null;
  comment: string;
  /** The node activation scored; null: the whole run. */
  spanId: string | null;
  /** The client id: kept across retries of one submission, so a resend stores it once. */
  id: string;
}

/** The score to POST, or the problem to show the user instead. */
export function feedbackScore(draft: FeedbackDraft): { score: ScoreInput } | { problem: string } {
  if (draft.choice === null) return { problem: "Choose thumbs up, thumbs down or a rating from 1 to 5." };
  const comment = draft.comment.trim();
  if (comment.length > COMMENT_MAX) return { problem: `The comment is ${comment.length.toLocaleString("en-US")} characters; at most ${COMMENT_MAX.toLocaleString("en-US")} fit.` };
  const thumbs = draft.choice === "up" || draft.choice === "down";
  const score: ScoreInput = {
    id: draft.id,
    name: thumbs ? THUMBS_SCORE : RATING_SCORE,
    value: thumbs ? draft.choice === "up" : Number(draft.choice),
  };
  if (comment) score.comment = comment;
  if (draft.spanId) score.spanId = draft.spanId;
  return { score };
}

/**
 * A fresh client id (`fb-` and 32 hex digits). getRandomValues, not randomUUID: the latter exists
 * only in secure contexts, and a dashboard on a LAN address over plain HTTP is not one.
 */
export function newFeedbackId(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(16));
  return `fb-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("")}`;
}
