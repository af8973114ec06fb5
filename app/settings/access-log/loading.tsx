import { SettingsTabs } from "@/components/settings/settings-tabs";

export default function AccessLogLoading() {
  return (
    <>
      <SettingsTabs current="/settings/access-log" />
      <p className="text-sm text-gray-500" role="status" data-testid="access-log-loading">
        Loading the access log…
      </p>
    </>
  );
}
