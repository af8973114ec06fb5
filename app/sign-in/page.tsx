import Link from "next/link";
import { ErrorPanel, PageHeader } from "@/components/empty-state";
import { SignInForm } from "@/components/auth/sign-in-form";
import { safeNextPath } from "@/lib/auth/next-path";
import { sessionState } from "@/lib/auth/page-tenant";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

type Props = { searchParams: Promise<{ next?: string | string[] }> };

const CREATE = "npm run apikey -- create <tenant> [name]";

/** Signs the browser in with an API key once keys are on; says so when they are not. */
export default async function SignInPage({ searchParams }: Props) {
  const raw = (await searchParams).next;
  const next = safeNextPath(typeof raw === "string" ? raw : null);
  const state = await sessionState();

  if (state && !state.keysRequired) {
    return (
      <div className="max-w-xl" data-testid="sign-in-not-needed">
        <PageHeader title="Sign in" />
        <p className="text-sm text-slate-700">
          No API key is configured, so there is nothing to sign in to: the dashboard shows the <code className="font-mono">default</code> tenant to
          everyone who can reach it.{" "}
          <Link href="/" className="font-medium text-sky-700 underline outline-none focus-visible:ring-2 focus-visible:ring-sky-400">
            Go to the runs
          </Link>
          .
        </p>
        <p className="mt-3 text-xs text-slate-500">
          To require keys, create one with <code className="rounded bg-slate-100 px-1 font-mono">{CREATE}</code>.
        </p>
      </div>
    );
  }

  return (
    <div className="max-w-md">
      <PageHeader title="Sign in" description="API keys are on: sign in with a key to see its tenant's runs." />
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
