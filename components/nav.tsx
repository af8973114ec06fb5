"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const SECTIONS = [
  { href: "/", label: "Runs", matches: (p: string) => p === "/" || p.startsWith("/runs") },
  { href: "/workloads", label: "Workloads", matches: (p: string) => p.startsWith("/workloads") },
  { href: "/costs", label: "Costs", matches: (p: string) => p.startsWith("/costs") },
  { href: "/logs", label: "Logs", matches: (p: string) => p.startsWith("/logs") },
  { href: "/metrics", label: "Metrics", matches: (p: string) => p.startsWith("/metrics") },
  { href: "/settings/prices", label: "Settings", matches: (p: string) => p.startsWith("/settings") },
  { href: "/connect", label: "Connect", matches: (p: string) => p.startsWith("/connect") },
  { href: "/api-reference", label: "API", matches: (p: string) => p.startsWith("/api-reference") },
] as const;

export function Nav() {
  const pathname = usePathname() ?? "/";
  return (
    <nav aria-label="Main" data-testid="main-nav">
      <ul className="flex gap-1">
        {SECTIONS.map((section) => {
          const active = section.matches(pathname);
          return (
            <li key={section.href}>
              <Link
                href={section.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-3 py-1.5 text-sm font-medium outline-none focus-visible:ring-2 focus-visible:ring-sky-400 ${
                  active ? "bg-slate-700 text-white" : "text-slate-300 hover:bg-slate-800 hover:text-white"
                }`}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
