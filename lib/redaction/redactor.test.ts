import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { compileCustomPattern } from "@/lib/redaction/custom-pattern";
import { UNSCANNED_MARKER } from "@/lib/redaction/redactor";
import { redactorFor } from "@/lib/redaction/testing";

describe("Redactor", () => {
  it("masks, hashes and counts several rules in one pass", () => {
    const redactor = redactorFor([
      { kind: "detector", detector: "email", action: "hash" },
      { kind: "detector", detector: "card", action: "mask" },
    ]);
    const first = redactor.redact("ada@example.com paid with 4111 1111 1111 1111, cc ada@example.com");
    expect(first.count).toBe(3);
    expect(first.text).toMatch(/^\[HASHED:email:[0-9a-f]{16}\] paid with \[REDACTED:card\], cc \[HASHED:email:[0-9a-f]{16}\]$/);
    const hashes = first.text.match(/[0-9a-f]{16}/g);
    expect(hashes?.[0]).toBe(hashes?.[1]);
    expect(redactor.redact("bob@example.com").text).not.toContain(hashes?.[0]);
  });

  it("keys the hash: the digest is not the value's plain SHA-256", () => {
    const text = "ada@example.com";
    const hashed = redactorFor([{ kind: "detector", detector: "email", action: "hash" }]).redact(text).text;
    expect(hashed).not.toContain("ada");
    expect(hashed).not.toContain(createHash("sha256").update(text).digest("hex").slice(0, 16));
  });

  it("drops the whole value when a drop rule matches", () => {
    const redactor = redactorFor([
      { kind: "detector", detector: "email", action: "mask" },
      { kind: "detector", detector: "secret", action: "drop" },
    ]);
    expect(redactor.redact("me@example.com uses AKIAIOSFODNN7EXAMPLE")).toEqual({ text: "[DROPPED:secret]", count: 2 });
    expect(redactor.redact("nothing here")).toEqual({ text: "nothing here", count: 0 });
  });

  it("never matches one rule's marker with another, and prefers the longer of overlapping matches", () => {
    const redactor = redactorFor([
      { kind: "detector", detector: "phone", action: "hash" },
      { kind: "detector", detector: "card", action: "hash" },
      { kind: "detector", detector: "ipv4", action: "mask" },
    ]);
    const { text, count } = redactor.redact("card 3782 822463 10005 from 10.1.2.3");
    expect(count).toBe(2);
    expect(text).toMatch(/^card \[HASHED:card:[0-9a-f]{16}\] from \[REDACTED:ipv4\]$/);
  });

  it("runs custom patterns by name", () => {
    const redactor = redactorFor([{ kind: "pattern", name: "employee", pattern: "EMP-[0-9]{6}", action: "mask" }]);
    expect(redactor.redact("EMP-123456 and EMP-12")).toEqual({ text: "[REDACTED:employee] and EMP-12", count: 1 });
  });

  it("drops what it could not scan once the export's budget is spent", () => {
    const redactor = redactorFor([{ kind: "pattern", name: "slow", pattern: "(a+)+$", action: "mask" }], 0);
    expect(redactor.redact("aaaa!")).toEqual({ text: UNSCANNED_MARKER, count: 1 });
  });
});

describe("compileCustomPattern", () => {
  it("runs a pattern that backtracks catastrophically in linear time", () => {
    const compiled = compileCustomPattern("(a+)+$");
    if (!compiled.ok) throw new Error(compiled.reason);
    const started = performance.now();
    expect(compiled.regex.test(`${"a".repeat(30_000)}!`)).toBe(false);
    // The backtracking engine would not finish this in a lifetime.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("refuses what the linear engine cannot run, empty matches, bad syntax and length", () => {
    expect(compileCustomPattern("(a)\\1")).toMatchObject({ ok: false, reason: expect.stringMatching(/linear-time/) });
    expect(compileCustomPattern("(?<=x)a")).toMatchObject({ ok: false });
    expect(compileCustomPattern("a*")).toEqual({ ok: false, reason: "must not match empty text" });
    expect(compileCustomPattern("(")).toEqual({ ok: false, reason: "is not a valid regular expression" });
    expect(compileCustomPattern("a".repeat(257))).toMatchObject({ ok: false });
    expect(compileCustomPattern("")).toMatchObject({ ok: false });
  });
});
