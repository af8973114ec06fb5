/**
 * What a key may do. `ingest`: send telemetry (OTLP, the ledger upload); `read`: the dashboard and
 * the read API; `admin`: keys, prices and settings. `admin` always comes with `read` (nobody
 * manages what they cannot see); `ingest` stands apart, so an exporter's key, which sits in
 * config files and CI logs, opens nothing else.
 */
export const SCOPES = ["ingest", "read", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

/** What a new key gets when nobody says: exporters' keys are the common case. */
export const DEFAULT_KEY_SCOPES: readonly Scope[] = ["ingest"];
/** The first key (from the setup token) administers the server. */
export const FIRST_KEY_SCOPES: readonly Scope[] = ["read", "admin"];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** Deduplicated, in the canonical order, `admin` bringing `read`; unknown names are dropped. */
export function normalizeScopes(scopes: readonly string[]): Scope[] {
  const wanted = new Set(scopes.filter(isScope));
  if (wanted.has("admin")) wanted.add("read");
  return SCOPES.filter((scope) => wanted.has(scope));
}

export class ScopeListError extends Error {
  override name = "ScopeListError";
}

/** `ingest,read` (as typed after `--scope`) to scopes; throws ScopeListError naming an unknown one. */
export function parseScopeList(text: string): Scope[] {
  const names = text.split(",").map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = names.find((name) => !isScope(name));
  if (unknown !== undefined) throw new ScopeListError(`Unknown scope "${unknown}": use ${SCOPES.join(", ")} (comma-separated)`);
  if (names.length === 0) throw new ScopeListError(`Name at least one scope: ${SCOPES.join(", ")}`);
  return normalizeScopes(names);
}

const WHAT_IT_OPENS: Record<Scope, string> = {
  ingest: "sending telemetry",
  read: "reading runs, workloads and costs (the dashboard and the read API)",
  admin: "managing keys and prices",
};

/** The 403 message: what was needed, for what, and what the key has. */
export function missingScopeMessage(needed: Scope, have: readonly Scope[]): string {
  const held = have.length ? have.join(", ") : "none";
  return `This needs an API key with the "${needed}" scope (${WHAT_IT_OPENS[needed]}); this key has: ${held}`;
}
