// Test support: the app's single sign-on pointed at a real local provider (test-support/oidc-provider.ts),
// as the route tests set it up; closing puts the app back to no single sign-on.
import { forgetProviderConfiguration } from "@/lib/auth/oidc/provider";
import { setOidcSettings } from "@/lib/auth/oidc/settings";
import { startTestProvider, type TestAccount, type TestProvider } from "@/test-support/oidc-provider";

/** What the route tests call the client, and where the provider sends people back (the app's callback). */
export const TEST_OIDC_CLIENT = { clientId: "observatory", clientSecret: "a client secret for tests only" };
export const TEST_OIDC_REDIRECT_URI = "http://127.0.0.1:3000/api/v1/session/oidc/callback";

export async function startAppProvider(accounts: Record<string, TestAccount>, label = "Sign in with SSO"): Promise<TestProvider> {
  const provider = await startTestProvider({ ...TEST_OIDC_CLIENT, redirectUris: [TEST_OIDC_REDIRECT_URI], accounts });
  forgetProviderConfiguration();
  setOidcSettings({ issuer: provider.issuer, ...TEST_OIDC_CLIENT, redirectUrl: null, label });
  return {
    issuer: provider.issuer,
    async close() {
      setOidcSettings(null);
      forgetProviderConfiguration();
      await provider.close();
    },
  };
}
