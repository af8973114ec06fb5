import net from "node:net";

// The Host names the dashboard and API answer to: a guard against DNS rebinding, where a page on
// an attacker's name (its DNS then pointing at this server) reads and writes as if same-origin.

/** This machine's own names: always allowed (a rebinding attacker cannot make a browser send them). */
export const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "::1"] as const;

export interface AllowedHosts {
  /** Any Host (ALLOWED_HOSTS=*). */
  any: boolean;
  /** Exact names, lowercase, IPv6 without brackets. */
  names: ReadonlySet<string>;
  /** `.example.com` entries: that name and every name under it. */
  suffixes: readonly string[];
}

/** The name of a Host header: lowercase, port and IPv6 brackets dropped, trailing dot dropped; null when malformed. */
export function hostName(header: string | undefined | null): string | null {
  const value = header?.trim().toLowerCase();
  if (!value) return null;
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) return net.isIPv6(bracketed[1]!) ? bracketed[1]! : null;
  const plain = /^([a-z0-9_.-]+)(?::\d{1,5})?$/.exec(value);
  return plain ? plain[1]!.replace(/\.$/, "") || null : null;
}

/** ALLOWED_HOSTS entries (comma-separated names, `.suffix` entries, or `*`) on top of the loopback names. */
export function allowedHosts(entries: readonly string[]): AllowedHosts {
  const names = new Set<string>(LOOPBACK_NAMES);
  const suffixes: string[] = [];
  let any = false;
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "");
    if (!entry) continue;
    if (entry === "*") any = true;
    else if (entry.startsWith(".")) suffixes.push(entry);
    else names.add(entry);
  }
  return { any, names, suffixes };
}

/**
 * The default when ALLOWED_HOSTS is unset: a loopback bind, the loopback names; a specific
 * address or name, that too; every interface (0.0.0.0, ::), this machine's host name and the
 * addresses of its interfaces. Names a proxy or DNS gives the server must be listed.
 */
export function defaultAllowedHostEntries(
  bindHost: string | undefined,
  machine: { hostname: string; addresses: readonly string[] },
  wildcard: boolean,
): string[] {
  if (wildcard) return [machine.hostname, ...machine.addresses];
  return bindHost ? [bindHost] : [];
}

export function isHostAllowed(allowed: AllowedHosts, header: string | undefined | null): boolean {
  if (allowed.any) return header !== undefined && header !== null && header.trim() !== "";
  const name = hostName(header);
  if (!name) return false;
  return allowed.names.has(name) || allowed.suffixes.some((suffix) => name === suffix.slice(1) || name.endsWith(suffix));
}

/** For the log and the start banner. */
export function describeAllowedHosts(allowed: AllowedHosts): string {
  if (allowed.any) return "any host (ALLOWED_HOSTS=*)";
  return [...allowed.names, ...allowed.suffixes.map((suffix) => `*${suffix}`)].join(", ");
}
