import { SettingsTabs } from "@/components/settings/settings-tabs";

export default function MembersLoading() {
  return (
    <>
      <SettingsTabs current="/settings/members" />
      <p className="text-sm text-slate-500" role="status" data-testid="members-loading">
        Loading the members…
      </p>
    </>
  );
}
