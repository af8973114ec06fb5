import net from "node:net";

/** Where a server with no API key listens when HOST is unset: this machine only. */
export const LOOPBACK_HOST = "127.0.0.1";

/** An address or name that only this machine can reach: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
  if (name === "localhost" || name.endsWith(".localhost")) return true;
  if (net.isIPv4(name)) return name.startsWith("127.");
  if (net.isIPv6(name)) return name === "::1" || /^::ffff:127\./.test(name) || /^0{0,4}(:0{0,4}){6}:0{0,3}1$/.test(name);
  return false;
}

/** Every interface: unset, 0.0.0.0 or ::. */
export function isWildcardHost(host: string | undefined): boolean {
  return host === undefined || ["0.0.0.0", "::", "[::]"].includes(host.trim());
}

/**
 * The interface to bind: HOST when set; unset, loopback only while no API key exists (a fresh
 * server is reachable from this machine alone) and every interface once one does.
 */
export function listenHost(configured: string | undefined, keysExist: boolean): string | undefined {
  if (configured !== undefined) return configured;
  return keysExist ? undefined : LOOPBACK_HOST;
}
