import { describe, expect, it } from "vitest";
import { rightsOf } from "@/lib/auth/rights";
import type { Role } from "@/lib/users/roles";

const person = (role: Role, seesContent = true) => ({ scopes: role === "owner" || role === "admin" ? (["read", "admin"] as const) : (["read"] as const), user: { role, seesContent } });

describe("rightsOf", () => {
  it("lets every role but a viewer give feedback", () => {
    expect(rightsOf(person("owner")).feedback).toBe(true);
    expect(rightsOf(person("admin")).feedback).toBe(true);
    expect(rightsOf(person("member")).feedback).toBe(true);
    expect(rightsOf(person("viewer")).feedback).toBe(false);
  });

  it("gives settings to the admin scope only", () => {
    expect(rightsOf(person("admin")).admin).toBe(true);
    expect(rightsOf(person("member")).admin).toBe(false);
    expect(rightsOf(person("viewer")).admin).toBe(false);
    expect(rightsOf({ scopes: ["read"], user: null }).admin).toBe(false);
    expect(rightsOf({ scopes: ["read", "admin"] }).admin).toBe(true);
  });

  it("hides content from a person only where their session says so", () => {
    expect(rightsOf(person("viewer", false)).content).toBe(false);
    expect(rightsOf(person("viewer", true)).content).toBe(true);
    expect(rightsOf(person("member")).content).toBe(true);
  });

  it("trusts keys (no user, null or absent) with feedback and content", () => {
    expect(rightsOf({ scopes: ["read"], user: null })).toEqual({ feedback: true, admin: false, content: true });
    expect(rightsOf({ scopes: ["read"] })).toEqual({ feedback: true, admin: false, content: true });
  });
});
