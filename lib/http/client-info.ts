import net from "node:net";

// What the server's edge (server.ts, lib/http/web-guard.ts) knows about a request's connection,
// handed to route handlers in headers of its own. The edge removes any copy a client sent, so a
// handler can trust them; X-Forwarded-For / X-Forwarded-Proto count only with TRUST_PROXY.

export const CLIENT_ADDRESS_HEADER = "x-codon-client-address";
export const CLIENT_PROTO_HEADER = "x-codon-client-proto";
/** "1" when the client is this machine itself (not a proxy passing others on). */
export const CLIENT_LOCAL_HEADER = "x-codon-client-local";
export const CLIENT_HEADERS = [CLIENT_ADDRESS_HEADER, CLIENT_PROTO_HEADER, CLIENT_LOCAL_HEADER] as const;

export interface ClientInfo {
  address: string;
  secure: boolean;
  local: boolean;
}

type HeaderValue = string | string[] | undefined;
const first = (value: HeaderValue) => (Array.isArray(value) ? value[0] : value);
const all = (value: HeaderValue) => (Array.isArray(value) ? value.join(",") : (value ?? ""));

/** `::ffff:10.0.0.1` → `10.0.0.1`; anything unparsable → null. */
function plainAddress(raw: string | undefined): string | null {
  const address = raw?.trim().replace(/^\[(.*)\]$/, "$1").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  return address && net.isIP(address) ? address.toLowerCase() : null;
}

function isLoopbackAddress(address: string): boolean {
  return address === "::1" || (net.isIPv4(address) && address.startsWith("127."));
}

/**
 * The client of a connection. Without a trusted proxy: the socket's address and TLS. With
 * TRUST_PROXY: the proxy in front is trusted for one hop, so the rightmost X-Forwarded-For entry
 * (the one it appended) and the first X-Forwarded-Proto. A loopback peer that forwards for
 * others (an X-Forwarded-For this server does not trust) is not "local".
 */
export function clientInfoOf(connection: {
  remoteAddress: string | undefined;
  encrypted: boolean;
  headers: Record<string, HeaderValue>;
  trustProxy: boolean;
}): ClientInfo {
  const socket = plainAddress(connection.remoteAddress) ?? "unknown";
  const forwardedFor = all(connection.headers["x-forwarded-for"]).split(",").map((part) => part.trim()).filter(Boolean);
  const forwarded = forwardedFor.length > 0 || connection.headers.forwarded !== undefined || connection.headers["x-real-ip"] !== undefined;
  if (!connection.trustProxy) {
    return { address: socket, secure: connection.encrypted, local: isLoopbackAddress(socket) && !forwarded };
  }
  const address = plainAddress(forwardedFor.at(-1)) ?? socket;
  const proto = first(connection.headers["x-forwarded-proto"])?.split(",")[0]?.trim().toLowerCase();
  return { address, secure: proto ? proto === "https" : connection.encrypted, local: isLoopbackAddress(address) };
}

/** The client address the edge established ("unknown" outside the server, e.g. in tests). */
export function clientAddress(request: Request): string {
  return request.headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
}

/** Over https as the edge saw it (TLS here, or a trusted proxy's X-Forwarded-Proto); decides the cookie's Secure flag. */
export function isSecureRequest(request: Request): boolean {
  const proto = request.headers.get(CLIENT_PROTO_HEADER);
  if (proto) return proto === "https";
  return new URL(request.url).protocol === "https:";
}

/** `https://host:port` as the browser addressed this server (the Host the edge checked against ALLOWED_HOSTS). */
export function publicOrigin(request: Request): string {
  const host = request.headers.get("host")?.trim() || new URL(request.url).host;
  return `${isSecureRequest(request) ? "https" : "http"}://${host}`;
}

/** The client is this machine (health details are shown to it). */
export function isLocalClient(request: Request): boolean {
  return request.headers.get(CLIENT_LOCAL_HEADER) === "1";
}
