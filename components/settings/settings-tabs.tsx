import Link from "next/link";

const TABS = [
  { href: "/settings/prices", label: "Prices" },
  { href: "/settings/retention", label: "Retention" },
] as const;

/** The settings pages, one link each; the current one is marked for screen readers too. */
export function SettingsTabs({ current }: { current: (typeof TABS)[number]["href"] }) {
  return (
    <nav aria-label="Settings" className="mb-4 flex gap-4 border-b border-slate-200 text-sm">
      {TABS.map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          data-testid={`settings-tab-${tab.label.toLowerCase()}`}
          aria-current={tab.href === current ? "page" : undefined}
          className={`-mb-px border-b-2 px-1 pb-2 outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${tab.href === current ? "border-sky-600 font-medium text-slate-900" : "border-transparent text-slate-600 hover:text-slate-900"}`}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
