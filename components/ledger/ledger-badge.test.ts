import { describe, expect, it } from "vitest";
import { ledgerLabel } from "@/components/ledger/ledger-badge";

describe("ledgerLabel", () => {
  it("names the state, and the first bad event of a broken ledger", () => {
    expect(ledgerLabel({ status: "verified", brokenAt: null })).toBe("ledger verified");
    expect(ledgerLabel({ status: "pending", brokenAt: null })).toBe("ledger pending");
    expect(ledgerLabel({ status: "broken", brokenAt: { index: 7, sealedLink: null, recomputedLink: null, event: null } })).toBe("ledger broken at event 7");
    expect(ledgerLabel({ status: "broken", brokenAt: null })).toBe("ledger broken");
  });
});
