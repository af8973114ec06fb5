import { describe, expect, it } from "vitest";
import { missingScopeMessage, normalizeScopes, parseScopeList } from "@/lib/auth/scopes";

describe("scopes", () => {
  it("are kept in one order, deduplicated, admin bringing read", () => {
    expect(normalizeScopes(["admin"])).toEqual(["read", "admin"]);
    expect(normalizeScopes(["read", "ingest", "read", "bogus"])).toEqual(["ingest", "read"]);
    expect(normalizeScopes([])).toEqual([]);
  });

  it("are parsed from a comma-separated list, naming an unknown one", () => {
    expect(parseScopeList(" Ingest, admin ")).toEqual(["ingest", "read", "admin"]);
    expect(() => parseScopeList("ingest,write")).toThrow('Unknown scope "write": use ingest, read, admin (comma-separated)');
    expect(() => parseScopeList(" , ")).toThrow(/at least one scope/);
  });

  it("name what was needed and what the key has when refused", () => {
    expect(missingScopeMessage("admin", ["ingest"])).toBe('This needs an API key with the "admin" scope (managing keys and prices); this key has: ingest');
  });
});
