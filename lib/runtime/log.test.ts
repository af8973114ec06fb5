import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger, escapeControls } from "@/lib/runtime/log";

describe("the log", () => {
  let lines: string[];
  beforeEach(() => {
    lines = [];
    for (const method of ["log", "warn", "error"] as const) vi.spyOn(console, method).mockImplementation((line: string) => void lines.push(line));
  });
  afterEach(() => vi.restoreAllMocks());

  it("escapes control characters in fields, so a URL cannot forge a line or drive the terminal", () => {
    createLogger("api").info("bad request", { path: "/api/v1/runs/x\n2026-01-01T00:00:00.000Z INFO  [auth] signed in tenant=acme", param: "a\u001b[31mred\u0007", id: "\u202eevil" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\u0000-\u001f\u007f\u202e]/);
    expect(lines[0]).toContain('path="/api/v1/runs/x\\u000a2026-01-01T00:00:00.000Z INFO  [auth] signed in tenant=acme"');
    expect(lines[0]).toContain('param="a\\u001b[31mred\\u0007"');
    expect(lines[0]).toContain('id="\\u202eevil"');
    createLogger("api").info("bad request", { path: "/x\\u000a", plain: "runs/abc-1" });
    expect(lines[1]).toMatch(/path="\/x\\\\u000a" plain=runs\/abc-1$/);
  });

  it("quotes values that could read as more fields, and keeps plain ones bare", () => {
    createLogger("api").warn("refused", { origin: 'http://evil" admin=true', status: 403, ok: false, none: null, empty: "" });
    expect(lines[0]).toMatch(/\[api\] refused origin="http:\/\/evil\\" admin=true" status=403 ok=false none=null empty=""$/);
  });

  it("keeps a message's own line breaks, escaping the rest", () => {
    createLogger("server").error("Could not start:\n  at main\u0000");
    expect(lines[0]).toContain("Could not start:\n  at main\\u0000");
    expect(escapeControls("\u0085\u2028")).toBe("\\u0085\\u2028");
  });
});
