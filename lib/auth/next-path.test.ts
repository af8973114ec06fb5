import { describe, expect, it } from "vitest";
import { pathWithQuery, safeNextPath, signInHref } from "@/lib/auth/next-path";

describe("safeNextPath", () => {
  it.each(["/", "/costs?window=7d", "/runs/run%201", "/workloads/QA/compare?a=1&b=2#node", "/..//evil.com"])("keeps the same-origin path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    ["nothing", undefined],
    ["an empty value", ""],
    ["a protocol-relative URL", "//evil.com"],
    ["a protocol-relative URL with a path", "//evil.com/runs"],
    ["a backslash that browsers read as a slash", "/\\evil.com"],
    ["a tab that URL parsing drops", "/\t/evil.com"],
    ["a newline", "/\n/evil.com"],
    ["an absolute URL", "https://evil.com/"],
    ["a javascript: URL", "javascript:alert(1)"],
    ["a relative path", "costs"],
    ["the sign-in page itself", "/sign-in?next=/"],
    ["something very long", `/${"a".repeat(3000)}`],
  ])("turns %s into /", (_label, raw) => {
    expect(safeNextPath(raw)).toBe("/");
  });
});

describe("signInHref", () => {
  it("carries the sanitised target", () => {
    expect(signInHref("/costs?window=7d")).toBe("/sign-in?next=%2Fcosts%3Fwindow%3D7d");
    expect(signInHref("//evil.com")).toBe("/sign-in?next=%2F");
  });
});

describe("pathWithQuery", () => {
  it("keeps repeated parameters and leaves out absent ones", () => {
    expect(pathWithQuery("/", { status: ["failed", "running"], q: undefined, workload: "QA Agent" })).toBe("/?status=failed&status=running&workload=QA+Agent");
    expect(pathWithQuery("/workloads", {})).toBe("/workloads");
  });
});
