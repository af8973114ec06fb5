import { unstable_rethrow } from "next/navigation";
import { LoadFailed, PageHeader } from "@/components/empty-state";
import { RetentionForm } from "@/components/settings/retention-form";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { pageAccess } from "@/lib/auth/page-tenant";
import { rightsOf } from "@/lib/auth/rights";
import { defaultRetentionDays } from "@/lib/retention/policy";
import { getTenantRetention } from "@/lib/retention/queries";
import type { RetentionSetting } from "@/lib/retention/types";
import { requireDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
export const metadata = { title: "Retention" };

const DESCRIPTION =
  "A run is removed, with its spans, audit events and roll-ups, once its last span or event is older than this. Costs and workload figures then count what remains; each version keeps its graph and when it was first and last seen.";

export default async function RetentionPage() {
  // Until the session is known, the tabs leave out the admin-only pages.
  let admin = false;
  const header = () => (
    <>
      <SettingsTabs current="/settings/retention" admin={admin} />
      <PageHeader title="Retention" description={DESCRIPTION} />
    </>
  );
  let setting: RetentionSetting;
  try {
    const access = await pageAccess("/settings/retention");
    const tenantId = access.tenantId;
    admin = rightsOf(access).admin;
    setting = await getTenantRetention(requireDb(), tenantId, defaultRetentionDays());
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={header()} error={error} fallback="The retention setting could not be loaded." />;
  }
  return (
    <>
      {header()}
      <RetentionForm initial={setting} mayEdit={admin} />
    </>
  );
}
