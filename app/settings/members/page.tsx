import { unstable_rethrow } from "next/navigation";
import { LoadFailed, PageHeader } from "@/components/empty-state";
import { MembersPanel } from "@/components/settings/members/members-panel";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { pageAccess } from "@/lib/auth/page-tenant";
import { requireDb } from "@/lib/runtime/registry";
import type { MemberList } from "@/lib/users/member-types";
import { actingRole, listMembers } from "@/lib/users/members";
import type { Role } from "@/lib/users/roles";

export const dynamic = "force-dynamic";
export const metadata = { title: "Members" };

const DESCRIPTION =
  "People in this tenant and their roles. Owners manage everyone; admins everyone but owners; members read and score; viewers read. Each change is in the access log.";

export default async function MembersPage() {
  const header = (
    <>
      <SettingsTabs current="/settings/members" />
      <PageHeader title="Members" description={DESCRIPTION} />
    </>
  );
  let list: MemberList;
  let actor: Role;
  let selfId: string | null;
  try {
    const access = await pageAccess("/settings/members", "admin");
    list = { ...(await listMembers(requireDb(), access.tenantId)), canInvite: access.keysRequired };
    actor = actingRole({ ...(access.user ? { user: access.user } : {}) });
    selfId = access.user?.id ?? null;
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={header} error={error} fallback="The members could not be loaded." />;
  }
  return (
    <>
      {header}
      <MembersPanel initial={list} actor={actor} selfId={selfId} />
    </>
  );
}
