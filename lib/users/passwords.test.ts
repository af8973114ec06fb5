import { describe, expect, it } from "vitest";
import { hashPassword, MAX_PASSWORD_LENGTH, passwordProblem, verifyPassword } from "@/lib/users/passwords";
import { roleMayAssign, roleScopes } from "@/lib/users/roles";

describe("passwords", () => {
  it("hashes with argon2id and a salt of its own each time, and verifies only the same password", async () => {
    const first = await hashPassword("correct horse battery");
    const second = await hashPassword("correct horse battery");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(second).not.toBe(first);
    expect(await verifyPassword(first, "correct horse battery")).toBe(true);
    expect(await verifyPassword(first, "correct horse batterY")).toBe(false);
    expect(await verifyPassword("not a hash", "correct horse battery")).toBe(false);
    expect(await verifyPassword(first, "x".repeat(MAX_PASSWORD_LENGTH + 1))).toBe(false);
  });

  it("refuses short, huge and email-shaped passwords, saying why", () => {
    expect(passwordProblem("short", "a@b.c")).toContain("at least 12");
    expect(passwordProblem("x".repeat(MAX_PASSWORD_LENGTH + 1), "a@b.c")).toContain("at most");
    expect(passwordProblem(" Someone@Example.com ", "someone@example.com")).toContain("email");
    expect(passwordProblem("a perfectly fine one", "someone@example.com")).toBeNull();
  });
});

describe("roles", () => {
  it("gives owners and admins the admin scope, members and viewers read only", () => {
    expect(roleScopes("owner")).toEqual(["read", "admin"]);
    expect(roleScopes("admin")).toEqual(["read", "admin"]);
    expect(roleScopes("member")).toEqual(["read"]);
    expect(roleScopes("viewer")).toEqual(["read"]);
  });

  it("lets only owners make or unmake owners", () => {
    expect(roleMayAssign("owner", "owner")).toBe(true);
    expect(roleMayAssign("admin", "owner")).toBe(false);
    expect(roleMayAssign("admin", "viewer")).toBe(true);
    expect(roleMayAssign("member", "viewer")).toBe(false);
  });
});
