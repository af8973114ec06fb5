import { unstable_rethrow } from "next/navigation";
import { LoadFailed, PageHeader } from "@/components/empty-state";
import { AlertRules } from "@/components/settings/alerts/alert-rules";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { pageAccess } from "@/lib/auth/page-tenant";
import { rightsOf } from "@/lib/auth/rights";
import { listRules } from "@/lib/alerts/rules";
import { webhookHosts } from "@/lib/alerts/webhook-hosts";
import type { AlertRuleView } from "@/lib/alerts/types";
import { requireDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
export const metadata = { title: "Alerts" };

const DESCRIPTION =
  "Rules on your runs and versions, checked every minute by the collector. When a rule starts to hold its webhook gets an alert.firing event, and alert.resolved when it stops; every attempt is logged, failures are retried.";

export default async function AlertsPage() {
  // Until the session is known, the tabs leave out the admin-only pages.
  let admin = false;
  const header = () => (
    <>
      <SettingsTabs current="/settings/alerts" admin={admin} />
      <PageHeader title="Alerts" description={DESCRIPTION} />
    </>
  );
  let rules: AlertRuleView[];
  let workloads: string[];
  try {
    const access = await pageAccess("/settings/alerts");
    const tenantId = access.tenantId;
    admin = rightsOf(access).admin;
    const db = requireDb();
    [rules, workloads] = await Promise.all([
      listRules(db, tenantId),
      db.selectFrom("workload_versions").select("workload_name").distinct().where("tenant_id", "=", tenantId).orderBy("workload_name").limit(500).execute().then((rows) => rows.map((row) => row.workload_name)),
    ]);
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={header()} error={error} fallback="The alert rules could not be loaded." />;
  }
  return (
    <>
      {header()}
      <AlertRules initial={{ rules }} workloads={workloads} webhookHosts={[...webhookHosts()]} mayEdit={admin} />
    </>
  );
}
