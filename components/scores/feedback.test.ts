import { describe, expect, it } from "vitest";
import { COMMENT_MAX, feedbackScore, newFeedbackId, RATING_SCORE, THUMBS_SCORE } from "@/components/scores/feedback";

const draft = { choice: null, comment: "", spanId: null, id: "fb-1" } as const;

describe("feedbackScore", () => {
  it("turns thumbs into a boolean and a rating into a number", () => {
    expect(feedbackScore({ ...draft, choice: "down", comment: "  wrong date  " })).toEqual({ score: { id: "fb-1", name: THUMBS_SCORE, value: false, comment: "wrong date" } });
    expect(feedbackScore({ ...draft, choice: "up" })).toEqual({ score: { id: "fb-1", name: THUMBS_SCORE, value: true } });
    expect(feedbackScore({ ...draft, choice: "4", spanId: "00f067aa0ba902b7" })).toEqual({ score: { id: "fb-1", name: RATING_SCORE, value: 4, spanId: "00f067aa0ba902b7" } });
  });

  it("asks for a choice, and refuses a comment the API would", () => {
    expect(feedbackScore(draft)).toEqual({ problem: "Choose thumbs up, thumbs down or a rating from 1 to 5." });
    expect(feedbackScore({ ...draft, choice: "up", comment: "x".repeat(COMMENT_MAX + 1) })).toEqual({ problem: "The comment is 4,097 characters; at most 4,096 fit." });
  });
});

describe("newFeedbackId", () => {
  it("is fb- and 32 hex digits of the random bytes", () => {
    expect(newFeedbackId((bytes) => bytes.fill(0xab))).toBe(`fb-${"ab".repeat(16)}`);
    expect(newFeedbackId()).toMatch(/^fb-[0-9a-f]{32}$/);
    expect(newFeedbackId()).not.toBe(newFeedbackId());
  });
});
