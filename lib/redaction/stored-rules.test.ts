import { describe, expect, it } from "vitest";
import type { JsonValue } from "@/lib/db/types";
import { parseStoredRules } from "@/lib/redaction/stored-rules";

describe("parseStoredRules", () => {
  it("keeps the rules this version knows and counts the rest, never running them", () => {
    const stored: JsonValue[] = [
      { kind: "detector", detector: "email", action: "mask" },
      { kind: "detector", detector: "passport", action: "mask" },
      { kind: "pattern", name: "backref", pattern: "(a)\\1", action: "hash" },
      "not a rule",
    ];
    expect(parseStoredRules(stored)).toEqual({ rules: [{ kind: "detector", detector: "email", action: "mask" }], invalid: 3 });
  });
});
