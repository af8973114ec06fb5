import { unstable_rethrow } from "next/navigation";
import { LoadFailed, PageHeader } from "@/components/empty-state";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { AuditKeys } from "@/components/ledger/audit-keys";
import { pageAccess } from "@/lib/auth/page-tenant";
import { rightsOf } from "@/lib/auth/rights";
import { requireReadDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
export const metadata = { title: "Audit" };

const DESCRIPTION =
  "Each finished run's audit events are hash-chained and sealed, and the seals are signed into checkpoints with this installation's Ed25519 key. An auditor pins the key id below and checks a run's evidence bundle offline: npx tsx sdk/verify.ts bundle.json --key-id <id>. Earlier keys stay listed: checkpoints they signed still verify.";

export default async function AuditPage() {
  // Until the session is known, the tabs leave out the admin-only pages.
  let admin = false;
  const header = () => (
    <>
      <SettingsTabs current="/settings/audit" admin={admin} />
      <PageHeader title="Audit" description={DESCRIPTION} />
    </>
  );
  let keys: { key_id: string; algorithm: string; public_key: string; created_at: Date }[];
  try {
    admin = rightsOf(await pageAccess("/settings/audit")).admin;
    keys = await requireReadDb().selectFrom("audit_keys").selectAll().orderBy("created_at", "desc").orderBy("key_id").execute();
  } catch (error) {
    unstable_rethrow(error);
    return <LoadFailed header={header()} error={error} fallback="The signing keys could not be loaded." />;
  }
  return (
    <>
      {header()}
      <AuditKeys keys={keys.map((key, i) => ({ keyId: key.key_id, algorithm: key.algorithm, publicKeyPem: key.public_key, createdAt: new Date(key.created_at).toISOString(), current: i === 0 }))} />
    </>
  );
}
