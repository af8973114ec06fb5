import { startupSetting } from "@/lib/runtime/startup-setting";

/** OpenID Connect sign-in as configured (OIDC_* variables); off when OIDC_ISSUER is unset. */
export interface OidcSettings {
  /** The issuer URL; its discovery document is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The callback the provider sends the browser back to; null: this server's origin as the browser reached it. */
  redirectUrl: string | null;
  /** The sign-in page's button text. */
  label: string;
}

export const DEFAULT_OIDC_LABEL = "Sign in with SSO";

/** Where the provider sends the browser back, under the origin the browser used. */
export const OIDC_CALLBACK_PATH = "/api/v1/session/oidc/callback";
export const OIDC_START_PATH = "/api/v1/session/oidc/start";

const setting = startupSetting<OidcSettings | null>("oidc", null);

/** Set once at start from the configuration (tests set and clear it). */
export const setOidcSettings = (value: OidcSettings | null): void => setting.set(value);

export const oidcSettings = (): OidcSettings | null => setting.get();
