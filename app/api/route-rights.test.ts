import { describe, expect, it } from "vitest";
import { ADMIN, CONTENT, FEEDBACK, type PrincipalName } from "@/app/api/route-authorization";
import { rightsOf, type Actor } from "@/lib/auth/rights";

// The dashboard hides the controls rightsOf denies; the authorization table says what the API
// refuses. They must agree, or a control is drawn that answers 403 (or one is missing that works).
const ACTORS: Partial<Record<PrincipalName, Actor>> = {
  readKey: { scopes: ["read"] },
  adminKey: { scopes: ["read", "admin"] },
  owner: { scopes: ["read", "admin"], user: { role: "owner", seesContent: true } },
  admin: { scopes: ["read", "admin"], user: { role: "admin", seesContent: true } },
  member: { scopes: ["read"], user: { role: "member", seesContent: true } },
  viewer: { scopes: ["read"], user: { role: "viewer", seesContent: true } },
  hiddenViewer: { scopes: ["read"], user: { role: "viewer", seesContent: false } },
};

describe("the dashboard's rights and the authorization table", () => {
  for (const [name, actor] of Object.entries(ACTORS) as [PrincipalName, Actor][]) {
    it(`agree for ${name}`, () => {
      const rights = rightsOf(actor);
      expect(rights.feedback).toBe(FEEDBACK[name] === "pass");
      expect(rights.admin).toBe(ADMIN[name] === "pass");
      expect(rights.content).toBe(CONTENT[name] === "pass");
    });
  }
});
