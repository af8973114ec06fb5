import { SegmentedLinks } from "@/components/ui/segmented-links";

const PAGES: { key: string; label: string; href: string; testId: string; adminOnly?: true }[] = [
  { key: "/settings/prices", label: "Prices", href: "/settings/prices", testId: "settings-tab-prices" },
  { key: "/settings/retention", label: "Retention", href: "/settings/retention", testId: "settings-tab-retention" },
  { key: "/settings/redaction", label: "Redaction", href: "/settings/redaction", testId: "settings-tab-redaction" },
  { key: "/settings/alerts", label: "Alerts", href: "/settings/alerts", testId: "settings-tab-alerts" },
  { key: "/settings/audit", label: "Audit", href: "/settings/audit", testId: "settings-tab-audit" },
  { key: "/settings/members", label: "Members", href: "/settings/members", testId: "settings-tab-members", adminOnly: true },
  { key: "/settings/access-log", label: "Access log", href: "/settings/access-log", testId: "settings-tab-access-log", adminOnly: true },
];

type SettingsPath = "/settings/prices" | "/settings/retention" | "/settings/redaction" | "/settings/alerts" | "/settings/audit" | "/settings/members" | "/settings/access-log";

/** The settings pages, one link each; the admin-only ones (which refuse anyone else) only for admins. */
export function SettingsTabs({ current, admin = true }: { current: SettingsPath; admin?: boolean }) {
  return (
    <div className="mb-4">
      <SegmentedLinks label="Settings" segments={admin ? PAGES : PAGES.filter((page) => !page.adminOnly)} current={current} />
    </div>
  );
}
