import { unstable_rethrow } from "next/navigation";
import { LoadFailed, PageHeader } from "@/components/empty-state";
import { RedactionForm } from "@/components/settings/redaction/redaction-form";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { pageAccess } from "@/lib/auth/page-tenant";
import { rightsOf } from "@/lib/auth/rights";
import { getRedactionSettings } from "@/lib/redaction/queries";
import type { Rights } from "@/lib/auth/rights";
import type { RedactionSettings } from "@/lib/redaction/types";
import { requireDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
export const metadata = { title: "Redaction" };

const DESCRIPTION =
  "Rules applied in order to what this tenant sends, before anything is stored: span names, inputs, outputs, status messages, attribute values and event names, log bodies and attributes, metric attribute values, score comments (sent or written here) and ledger payloads. Run, node, workload, model and service identifiers are left as sent. Custom patterns run on a linear-time engine, so backreferences and lookarounds are refused.";

export default async function RedactionPage() {
  // Until the session is known, the tabs leave out the admin-only pages.
  let rights: Rights = { feedback: false, admin: false, content: false };
  const header = () => (
    <>
      <SettingsTabs current="/settings/redaction" admin={rights.admin} />
      <PageHeader title="Redaction" description={DESCRIPTION} />
    </>
  );
  let settings: RedactionSettings;
  try {
    const access = await pageAccess("/settings/redaction");
    const tenantId = access.tenantId;
    rights = rightsOf(access);
    settings = await getRedactionSettings(requireDb(), tenantId);
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={header()} error={error} fallback="The redaction rules could not be loaded." />;
  }
  return (
    <>
      {header()}
      <RedactionForm initial={settings} mayEdit={rights.admin} mayPreview={rights.content} />
    </>
  );
}
