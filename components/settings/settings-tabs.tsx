import { SegmentedLinks } from "@/components/ui/segmented-links";

const PAGES = [
  { key: "/settings/prices", label: "Prices", href: "/settings/prices", testId: "settings-tab-prices" },
  { key: "/settings/retention", label: "Retention", href: "/settings/retention", testId: "settings-tab-retention" },
  { key: "/settings/redaction", label: "Redaction", href: "/settings/redaction", testId: "settings-tab-redaction" },
  { key: "/settings/alerts", label: "Alerts", href: "/settings/alerts", testId: "settings-tab-alerts" },
  { key: "/settings/audit", label: "Audit", href: "/settings/audit", testId: "settings-tab-audit" },
  { key: "/settings/members", label: "Members", href: "/settings/members", testId: "settings-tab-members" },
  { key: "/settings/access-log", label: "Access log", href: "/settings/access-log", testId: "settings-tab-access-log" },
];

/** The settings pages, one link each. */
export function SettingsTabs({ current }: { current: "/settings/prices" | "/settings/retention" | "/settings/redaction" | "/settings/alerts" | "/settings/audit" | "/settings/members" | "/settings/access-log" }) {
  return (
    <div className="mb-4">
      <SegmentedLinks label="Settings" segments={PAGES} current={current} />
    </div>
  );
}
