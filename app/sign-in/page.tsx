import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorPanel, PageHeader } from "@/components/empty-state";
import { FirstKeyForm } from "@/components/auth/first-key-form";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { sessionState } from "@/lib/auth/page-tenant";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

const CREATE = "npm run apikey -- create <tenant> [name] --scope read";

/** Signs the browser in with an API key once keys are on; until a key exists, offers the first one from the setup token. */
export default async function SignInPage({ searchParams }: Props) {
  const raw = (await searchParams).next;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  const state = await sessionState();

  if (state?.keyMode === "open") {
    return (
      <div className="max-w-xl" data-testid="sign-in-not-needed">
        <PageHeader title="Sign in" />
        <p className="text-sm text-slate-700">
          No API key is configured, so there is nothing to sign in to: this server listens on this machine only and shows the{" "}
          <code className="font-mono">default</code> tenant without a key.{" "}
          <Link href="/" className="font-medium text-sky-700 underline outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
            Go to the runs
          </Link>
          .
        </p>
        <FirstKey next={next}>
          To require keys (and, after a restart, accept other machines), create the first one here with the setup token the server printed at
          start, or with <code className="rounded bg-slate-100 px-1 font-mono">{CREATE}</code> while the server is stopped.
        </FirstKey>
      </div>
    );
  }

  if (state?.keyMode === "setup") {
    return (
      <div className="max-w-md" data-testid="sign-in-setup">
        <PageHeader title="Create the first key" description="This server listens beyond this machine, so it needs API keys, and none exists yet." />
        <FirstKey next={next}>
          Paste the setup token the server printed when it started. Or stop it and run{" "}
          <code className="rounded bg-slate-100 px-1 font-mono">npm run apikey -- create &lt;tenant&gt; [name] --scope admin</code>.
        </FirstKey>
      </div>
    );
  }

  return (
    <div className="max-w-md">
      <PageHeader title="Sign in" description="API keys are on: sign in with a key that has the read (or admin) scope to see its tenant's runs." />
      {state === null ? (
        <div className="mb-4">
          <ErrorPanel message="Could not check the API keys right now (the server is starting or the database is unavailable); signing in may fail until it is back." />
        </div>
      ) : null}
      {state?.tenantId ? (
        <p className="mb-4 text-sm text-slate-700" data-testid="sign-in-current">
          You are signed in as tenant <strong>{state.tenantId}</strong>; sign in with another key to switch.
        </p>
      ) : null}
      <SignInForm next={next} />
    </div>
  );
}

function FirstKey({ next, children }: { next: string; children: ReactNode }) {
  return (
    <section aria-labelledby="first-key-heading" className="mt-6 space-y-3">
      <h2 id="first-key-heading" className="text-base font-semibold text-slate-800">
        First API key
      </h2>
      <p className="text-sm text-slate-600">{children}</p>
      <FirstKeyForm next={next} />
    </section>
  );
}
