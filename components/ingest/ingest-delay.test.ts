import { describe, expect, it } from "vitest";
import { delayHeadline, formatWait, ingestDelay } from "@/components/ingest/ingest-delay";

describe("ingestDelay", () => {
  const report = { spool: "on", records: 7, bytes: 8192, maxBytes: 1 << 30, oldestAgeSeconds: 42.9, drainRowsPerSecond: null, delayed: true };

  it("is the whole seconds waited and the exports waiting when the server says ingest is delayed", () => {
    expect(ingestDelay(report)).toEqual({ seconds: 42, exports: 7 });
  });

  it("is null when it is not, and for anything that is not the backlog's answer", () => {
    for (const answer of [
      { ...report, delayed: false },
      { ...report, delayed: "yes" },
      { ...report, oldestAgeSeconds: "42" },
      { ...report, records: -1 },
      { ...report, records: Number.NaN },
      { delayed: true },
      undefined,
      null,
      "<html>",
      [report],
    ]) {
      expect(ingestDelay(answer)).toBeNull();
    }
  });
});

describe("the notice's headline", () => {
  it("says how long in whole units and how many exports, one or many", () => {
    expect(formatWait(0)).toBe("0 s");
    expect(formatWait(59)).toBe("59 s");
    expect(formatWait(185)).toBe("3 min 5 s");
    expect(formatWait(7440)).toBe("2 h 4 min");
    expect(delayHeadline({ seconds: 12, exports: 1 })).toBe("Ingest delayed by 12 s — 1 export waiting to be stored");
    expect(delayHeadline({ seconds: 61, exports: 12_345 })).toBe("Ingest delayed by 1 min 1 s — 12,345 exports waiting to be stored");
  });
});
