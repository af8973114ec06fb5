import { describe, expect, it } from "vitest";
import { retentionSentence } from "@/lib/retention/describe";

describe("retentionSentence", () => {
  it("says how far back runs go, and when nothing is removed", () => {
    expect(retentionSentence(30)).toBe("Runs older than 30 days are removed.");
    expect(retentionSentence(1)).toBe("Runs older than 1 day are removed.");
    expect(retentionSentence(0)).toBe("Runs are kept until you remove them: retention is off.");
  });
});
