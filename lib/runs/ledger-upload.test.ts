import { describe, expect, it } from "vitest";
import { ledgerSchema, parseLedgerTimestamp } from "@/lib/runs/ledger-upload";

describe("parseLedgerTimestamp", () => {
  it("reads ISO 8601 exactly, with or without a zone (naive means UTC)", () => {
    expect(parseLedgerTimestamp("2024-11-21T11:53:20.123456Z")).toBe(1732190000123456000n);
    expect(parseLedgerTimestamp("2024-11-21T11:53:20.123456789")).toBe(1732190000123456789n);
    expect(parseLedgerTimestamp("2024-11-21T12:53:20.5+01:00")).toBe(1732190000500000000n);
    expect(parseLedgerTimestamp("2024-11-21 11:53:20")).toBe(1732190000000000000n);
  });

  it("reads epoch numbers in seconds, milliseconds, microseconds or nanoseconds", () => {
    expect(parseLedgerTimestamp(1732190000)).toBe(1732190000000000000n);
    expect(parseLedgerTimestamp(1732190000.25)).toBe(1732190000250000000n);
    expect(parseLedgerTimestamp(1732190000123)).toBe(1732190000123000000n);
    expect(parseLedgerTimestamp("1732190000123456")).toBe(1732190000123456000n);
    expect(parseLedgerTimestamp("1732190000123456789")).toBe(1732190000123456789n);
  });

  it("returns null for text that is no time", () => {
    expect(parseLedgerTimestamp("yesterday")).toBeNull();
    expect(parseLedgerTimestamp("2024-13-45T99:00:00Z")).toBeNull();
  });
});

describe("ledgerSchema", () => {
  it("accepts the Python SDK's ledger shape and names what is wrong otherwise", () => {
    expect(
      ledgerSchema.safeParse([
        { event_type: "token_enqueued", timestamp: "2024-11-21T11:53:20Z", token_id: "t1", source_node: "__entry__", target_node: "a", metadata: {} },
      ]).success,
    ).toBe(true);
    const bad = ledgerSchema.safeParse([{ event_type: "", timestamp: "x" }]);
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual([0, "event_type"]);
  });
});
