// Test support: a real OpenID Connect provider (panva's oidc-provider, the certified reference
// implementation) on a loopback port, with one confidential client and a few accounts; and a
// fetch-driven browser that signs in through its development login and consent forms.
import { generateKeyPairSync } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface TestAccount {
  email: string;
  emailVerified: boolean;
}

export interface TestProviderOptions {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** By login (the subject): what the dev login form accepts (any password). */
  accounts: Record<string, TestAccount>;
  /** The issuer's host name: `127.0.0.1` (default) or `localhost` (another site than 127.0.0.1 to a browser). */
  hostName?: string;
}

export interface TestProvider {
  issuer: string;
  close(): Promise<void>;
}

export async function startTestProvider(options: TestProviderOptions): Promise<TestProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://${options.hostName ?? "127.0.0.1"}:${(server.address() as AddressInfo).port}`;
  const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    jwks: { keys: [{ ...signingKey, kid: "test", alg: "RS256", use: "sig" }] },
    cookies: { keys: ["oidc test cookie key"] },
    claims: { email: ["email", "email_verified"] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = options.accounts[id];
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified }) };
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A form of the provider's dev interactions: where it posts and its hidden fields. */
function formOf(html: string, base: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form on the provider's page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[match[1]!] = match[2]!;
  return { action: new URL(action.replaceAll("&amp;", "&"), base).href, fields };
}

/**
 * Follows the provider from `authorizationUrl` as a browser would (its cookies kept), submits its
 * login form as `login` and its consent form, and returns the URL it sends the browser back to
 * (the first redirect off the provider's origin), with `code` and `state`, or an `error`.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<string> {
  const origin = new URL(authorizationUrl).origin;
  const jar = new Map<string, string>();
  const send = async (url: string, form?: Record<string, string>) => {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; "), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const eq = pair!.indexOf("=");
      jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return response;
  };
  let response = await send(authorizationUrl);
  for (let step = 0; step < 20; step++) {
    const location = response.headers.get("location");
    if (location) {
      const target = new URL(location, origin);
      if (target.origin !== origin) return target.href;
      response = await send(target.href);
      continue;
    }
    const html = await response.text();
    if (response.status !== 200) throw new Error(`the provider answered ${response.status}:\n${html.slice(0, 500)}`);
    const form = formOf(html, origin);
    response = await send(form.action, html.includes('name="login"') ? { ...form.fields, login, password: "any password" } : form.fields);
  }
  throw new Error("the provider did not send the browser back within 20 steps");
}
