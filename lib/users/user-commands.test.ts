import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAccessLog } from "@/lib/access-log/queries/access-log";
import { testBackends, type TestDatabase } from "@/lib/db/testing/backends";
import type { DB } from "@/lib/db/types";
import { addMembershipByCommand, createUserByCommand, disableUserByCommand, setPasswordByCommand } from "@/lib/users/user-commands";

// `npm run user` (issue 25): a user created, given a password, added to a tenant or disabled on the
// server is in the access log by the command line, once in each tenant the person belongs to.

const PASSWORD = "a long enough password";

describe.each(testBackends())("users changed on the command line on $name", (backend) => {
  let handle: TestDatabase;
  const db = (): Kysely<DB> => handle.database.kysely;
  const entries = (tenantId: string, action: string) =>
    db().selectFrom("access_log").select(["outcome", "actor_kind", "actor_label", "target_kind", "target_id", "details"]).where("tenant_id", "=", tenantId).where("action", "=", action).execute();
  const intact = async (...tenants: string[]) => {
    for (const tenantId of tenants) expect((await verifyAccessLog(db(), tenantId)).status).toBe("intact");
  };
  beforeAll(async () => {
    handle = await backend.open();
  });
  afterAll(() => handle?.dispose());

  it("records a creation once, in the user's tenant, without the password", async () => {
    const user = await createUserByCommand(db(), { email: "Ada@Example.com", password: PASSWORD, tenantId: "cli-users", role: "admin" });
    const logged = await entries("cli-users", "user.create");
    expect(logged).toEqual([
      { outcome: "ok", actor_kind: "cli", actor_label: expect.stringMatching(/^npm run user/), target_kind: "user", target_id: user.id, details: { email: "ada@example.com", role: "admin", password: true } },
    ]);
    expect(JSON.stringify(logged)).not.toContain(PASSWORD);
    await intact("cli-users");
  });

  it("records joining a tenant as member.add, a role change as member.role_change, the same role not at all", async () => {
    const user = await createUserByCommand(db(), { email: "grace@example.com", password: null, tenantId: "cli-home", role: "member" });
    expect(await addMembershipByCommand(db(), "grace@example.com", "cli-other", "viewer")).toBe(true);
    expect(await addMembershipByCommand(db(), "grace@example.com", "cli-other", "admin")).toBe(true);
    expect(await addMembershipByCommand(db(), "grace@example.com", "cli-other", "admin")).toBe(true);
    expect(await addMembershipByCommand(db(), "nobody@example.com", "cli-other", "admin")).toBe(false);
    expect(await entries("cli-other", "member.add")).toEqual([expect.objectContaining({ actor_kind: "cli", target_id: user.id, details: { email: "grace@example.com", role: "viewer" } })]);
    expect(await entries("cli-other", "member.role_change")).toEqual([expect.objectContaining({ actor_kind: "cli", target_id: user.id, details: { email: "grace@example.com", from: "viewer", to: "admin" } })]);
    expect(await entries("cli-home", "member.add")).toEqual([]);
    await intact("cli-home", "cli-other");
  });

  it("records a password reset and a disabling once in each of the person's tenants", async () => {
    const user = await createUserByCommand(db(), { email: "linus@example.com", password: PASSWORD, tenantId: "cli-a", role: "viewer" });
    await addMembershipByCommand(db(), "linus@example.com", "cli-b", "member");
    expect(await setPasswordByCommand(db(), "linus@example.com", "another long password")).toBe(true);
    expect(await setPasswordByCommand(db(), "nobody@example.com", "another long password")).toBe(false);
    expect(await disableUserByCommand(db(), "linus@example.com")).toBe(true);
    expect(await disableUserByCommand(db(), "nobody@example.com")).toBe(false);
    for (const tenantId of ["cli-a", "cli-b"]) {
      expect(await entries(tenantId, "user.password_reset")).toEqual([{ outcome: "ok", actor_kind: "cli", actor_label: expect.stringMatching(/^npm run user/), target_kind: "user", target_id: user.id, details: { email: "linus@example.com" } }]);
      expect(await entries(tenantId, "user.disable")).toEqual([expect.objectContaining({ outcome: "ok", actor_kind: "cli", target_id: user.id })]);
    }
    await intact("cli-a", "cli-b");
  });
});
