import Link from "next/link";
import type { ReactNode } from "react";
import { ErrorPanel, PageHeader } from "@/components/empty-state";
import { FirstKeyForm } from "@/components/auth/first-key-form";
import { FirstOwnerForm } from "@/components/auth/first-owner-form";
import { SignInForm, type SignInMethod } from "@/components/auth/sign-in-form";
import { OidcSignIn } from "@/components/auth/oidc-sign-in";
import { safeNextPath } from "@/lib/auth/next-path";
import { sessionState } from "@/lib/auth/page-tenant";
import { createLogger } from "@/lib/runtime/log";
import { serverRuntime } from "@/lib/runtime/registry";
import { anyUserExists } from "@/lib/users/users";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

const CREATE = "npm run apikey -- create <tenant> [name] --scope read";
const log = createLogger("auth");

/** Password once people have accounts, else an API key (an installation of keys only never sees an email form first). */
async function initialMethod(): Promise<SignInMethod> {
  const db = serverRuntime().db;
  if (!db) return "key";
  try {
    return (await anyUserExists(db)) ? "password" : "key";
  } catch (error) {
    log.warn("could not check for users", { error: (error as Error).message });
    return "key";
  }
}

/** Signs the browser in with a password or an API key once credentials exist; until then, offers the first owner (or key) from the setup token. */
export default async function SignInPage({ searchParams }: Props) {
  const raw = (await searchParams).next;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  const state = await sessionState();

  if (state?.keyMode === "open") {
    return (
      <div className="max-w-xl" data-testid="sign-in-not-needed">
        <PageHeader title="Sign in" />
        <p className="text-sm text-slate-700">
          No user or API key exists, so there is nothing to sign in to: this server listens on this machine only and shows the{" "}
          <code className="font-mono">default</code> tenant without a key.{" "}
          <Link href="/" className="font-medium text-sky-700 underline outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
            Go to the runs
          </Link>
          .
        </p>
        <FirstOwner next={next}>
          To require sign-in (and, after a restart, accept other machines), create the first owner here with the setup token the server printed at
          start, or with <code className="rounded bg-slate-100 px-1 font-mono">npm run user -- create &lt;email&gt;</code> while the server is stopped.
        </FirstOwner>
        <FirstKey next={next}>
          Or create the first API key instead, for scripts and machines, with the setup token or with{" "}
          <code className="rounded bg-slate-100 px-1 font-mono">{CREATE}</code> while the server is stopped.
        </FirstKey>
      </div>
    );
  }

  if (state?.keyMode === "setup") {
    return (
      <div className="max-w-md" data-testid="sign-in-setup">
        <PageHeader title="Set up this server" description="This server listens beyond this machine, so it needs sign-in, and no one has an account yet." />
        <FirstOwner next={next}>
          Paste the setup token the server printed when it started, and choose your email and password. Or stop the server and run{" "}
          <code className="rounded bg-slate-100 px-1 font-mono">npm run user -- create &lt;email&gt;</code>.
        </FirstOwner>
        <FirstKey next={next}>
          Or, for scripts and machines only, create an admin API key with the setup token instead, or stop the server and run{" "}
          <code className="rounded bg-slate-100 px-1 font-mono">npm run apikey -- create &lt;tenant&gt; [name] --scope admin</code>.
        </FirstKey>
      </div>
    );
  }

  return (
    <div className="max-w-md">
      <PageHeader title="Sign in" description="Sign in with your email and password, or with an API key that has the read (or admin) scope." />
      {state === null ? (
        <div className="mb-4">
          <ErrorPanel message="Could not check the API keys right now (the server is starting or the database is unavailable); signing in may fail until it is back." />
        </div>
      ) : null}
      {state?.tenantId ? (
        <p className="mb-4 text-sm text-slate-700" data-testid="sign-in-current">
          You are signed in to tenant <strong>{state.tenantId}</strong>; sign in again to change who you are.
        </p>
      ) : null}
      <SignInForm next={next} initialMethod={await initialMethod()} />
      <OidcSignIn next={next} />
    </div>
  );
}

function FirstOwner({ next, children }: { next: string; children: ReactNode }) {
  return (
    <section aria-labelledby="first-owner-heading" className="mt-6 space-y-3">
      <h2 id="first-owner-heading" className="text-base font-semibold text-slate-800">
        First owner
      </h2>
      <p className="text-sm text-slate-600">{children}</p>
      <FirstOwnerForm next={next} />
    </section>
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
