import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { isHostAllowed, type AllowedHosts } from "@/lib/http/allowed-hosts";
import { CLIENT_ADDRESS_HEADER, CLIENT_HEADERS, CLIENT_LOCAL_HEADER, CLIENT_PROTO_HEADER, clientInfoOf } from "@/lib/http/client-info";
import { API_CSP, isApiPath, newNonce, pageCsp, securityHeaders } from "@/lib/http/security-headers";
import { createLogger } from "@/lib/runtime/log";

const log = createLogger("http");

export interface WebGuardOptions {
  allowedHosts: AllowedHosts;
  trustProxy: boolean;
  dev: boolean;
}

const FORWARDING_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "x-real-ip"];

/** Printable ASCII only, bounded: a Host header is attacker-chosen text. */
const printable = (value: string) => value.replace(/[^\x20-\x7e]/g, "?").slice(0, 100);

/**
 * The dashboard's edge, before Next sees a request: refuses a Host this server does not answer
 * to (421), records what it knows of the client for route handlers (replacing any copy the
 * client sent), and sets the security headers, with a fresh CSP nonce for pages. Returns false
 * when it answered the request itself.
 */
export function guardRequest(req: IncomingMessage, res: ServerResponse, options: WebGuardOptions): boolean {
  const path = (req.url ?? "/").split("?")[0]!;
  const api = isApiPath(path);
  for (const name of CLIENT_HEADERS) delete req.headers[name];
  delete req.headers["content-security-policy"];
  delete req.headers["content-security-policy-report-only"];

  const nonce = api ? null : newNonce();
  const csp = nonce ? pageCsp(nonce, { dev: options.dev }) : API_CSP;
  for (const [name, value] of Object.entries(securityHeaders(csp))) res.setHeader(name, value);

  if (!isHostAllowed(options.allowedHosts, req.headers.host)) {
    const host = printable(req.headers.host ?? "");
    log.warn("host refused", { host, path: printable(path) });
    const message = host
      ? `This server does not answer to the host name "${host}" (a guard against DNS rebinding). If that is how you reach it, add the name to ALLOWED_HOSTS.`
      : "A Host header is required.";
    res.statusCode = 421;
    res.setHeader("cache-control", "no-store");
    if (api) {
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ error: { code: "misdirected_request", message } }));
    } else {
      res.setHeader("content-type", "text/plain; charset=utf-8");
      res.end(`${message}\n`);
    }
    return false;
  }

  const client = clientInfoOf({
    remoteAddress: req.socket.remoteAddress,
    encrypted: Boolean((req.socket as TLSSocket).encrypted),
    headers: req.headers,
    trustProxy: options.trustProxy,
  });
  // Forwarding headers nobody vouches for must not reach Next (it builds URLs from some of them).
  if (!options.trustProxy) for (const name of FORWARDING_HEADERS) delete req.headers[name];
  req.headers[CLIENT_ADDRESS_HEADER] = client.address;
  req.headers[CLIENT_PROTO_HEADER] = client.secure ? "https" : "http";
  if (client.local) req.headers[CLIENT_LOCAL_HEADER] = "1";
  // Next reads the nonce for its own scripts from the request's CSP header.
  if (csp && nonce) req.headers["content-security-policy"] = csp;
  return true;
}
