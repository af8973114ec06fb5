import type { Scope } from "@/lib/auth/scopes";

/**
 * A member's role in a tenant. owner: everything, including other owners; admin: keys, prices,
 * rules, settings and members (not owners); member: reads everything, gives feedback and scores;
 * viewer: reads only, and when the tenant says so, without inputs and outputs.
 */
export const ROLES = ["owner", "admin", "member", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** What each role may do, in the keys' terms, so every route's scope check applies to people too. */
const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  owner: ["read", "admin"],
  admin: ["read", "admin"],
  member: ["read"],
  viewer: ["read"],
};

export function roleScopes(role: Role): Scope[] {
  return [...ROLE_SCOPES[role]];
}

/** Whether the role may change what a tenant holds beyond reading it: feedback and scores. */
export function roleMayGiveFeedback(role: Role): boolean {
  return role !== "viewer";
}

/** Whether `actor` may give or take away `role`: only owners make or unmake owners. */
export function roleMayAssign(actor: Role, role: Role): boolean {
  if (actor === "owner") return true;
  return actor === "admin" && role !== "owner";
}

export const ROLE_LABELS: Record<Role, string> = {
  owner: "Owner",
  admin: "Admin",
  member: "Member",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: "Everything, including adding and removing owners",
  admin: "Keys, prices, alert rules, settings and members",
  member: "Reads everything, gives feedback and scores",
  viewer: "Reads only; inputs and outputs hidden when the tenant says so",
};
