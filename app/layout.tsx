import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { SessionControls } from "@/components/auth/session-controls";
import { IngestDelayNotice } from "@/components/ingest/ingest-delay-notice";
import { Nav } from "@/components/nav";
import { sessionState, sessionTenants } from "@/lib/auth/page-tenant";
import { Providers } from "@/app/providers";
import "@/app/globals.css";

export const metadata: Metadata = {
  title: { default: "Codon Observatory", template: "%s · Codon Observatory" },
  description: "Runs, DAGs, audit ledgers and version history of AI agent workflows.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Only with API keys on: who is signed in, or a way to sign in. Unknown (server starting): nothing.
  const session = await sessionState();
  const tenants = await sessionTenants(session);
  // Signed out with keys on, the backlog's figures would be refused: do not ask. Unknown: ask, the endpoint decides.
  const mayReadBacklog = session === null || !session.keysRequired || session.scopes.includes("read");
  return (
    <html lang="en">
      <body className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-slate-800 bg-slate-900">
          <div className="mx-auto flex max-w-7xl items-center gap-8 px-6 py-3">
            <Link href="/" className="flex items-center gap-2 text-white outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
              <span aria-hidden className="inline-block h-3 w-3 rounded-full bg-sky-400" />
              <span className="font-semibold tracking-tight">Codon Observatory</span>
            </Link>
            <Nav />
            {session?.keysRequired ? (
              <div className="ml-auto">
                <SessionControls tenantId={session.tenantId} user={session.user ? { email: session.user.email, role: session.user.role } : null} tenants={tenants} />
              </div>
            ) : null}
          </div>
        </header>
        <Providers>
          <IngestDelayNotice enabled={mayReadBacklog} />
          <main id="main" className="mx-auto max-w-7xl px-6 py-8">
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
