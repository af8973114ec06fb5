import { unstable_rethrow } from "next/navigation";
import { LoadFailed } from "@/components/empty-state";
import { PricesIntro } from "@/components/prices/prices-intro";
import { PricesView } from "@/components/prices/prices-view";
import { SettingsTabs } from "@/components/settings/settings-tabs";
import { todayUtc } from "@/components/prices/price-form-values";
import { pathWithQuery } from "@/lib/auth/next-path";
import { pageAccess } from "@/lib/auth/page-tenant";
import { rightsOf } from "@/lib/auth/rights";
import type { PriceOverrideList } from "@/lib/costs/types";
import { listPriceOverrides } from "@/lib/costs/queries/price-overrides";
import { requireDb } from "@/lib/runtime/registry";

export const dynamic = "force-dynamic";
export const metadata = { title: "Prices" };

type Props = { searchParams: Promise<{ model?: string | string[]; provider?: string | string[] }> };

/** A repeated parameter counts once; a blank one not at all. */
const firstValue = (value: string | string[] | undefined) => {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  return text ? text : undefined;
};

export default async function PricesPage({ searchParams }: Props) {
  const params = await searchParams;
  const prefill = { model: firstValue(params.model), provider: firstValue(params.provider) };
  let list: PriceOverrideList;
  // Until the session is known, the tabs leave out the admin-only pages.
  let admin = false;
  try {
    const access = await pageAccess(pathWithQuery("/settings/prices", params));
    admin = rightsOf(access).admin;
    const tenantId = access.tenantId;
    list = await listPriceOverrides(requireDb(), tenantId);
  } catch (error) {
    unstable_rethrow(error);
    return (
      <LoadFailed
        header={
          <>
            <SettingsTabs current="/settings/prices" admin={admin} />
            <PricesIntro />
          </>
        }
        error={error}
        fallback="The prices could not be loaded."
      />
    );
  }
  return (
    <>
      <SettingsTabs current="/settings/prices" admin={admin} />
      <PricesIntro />
      <PricesView initialList={list} today={todayUtc()} prefill={prefill} mayEdit={admin} />
    </>
  );
}
